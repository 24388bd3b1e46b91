package templates

import "strings"

// serverVar escapes the value of a server URL variable for the generated
// Server...URL functions. Every byte but the unreserved ones of RFC 3986
// (letters, digits, '-', '.', '_' and '~') is percent-encoded, so that a
// value cannot add a userinfo, a host, a port, a path segment, a query or a
// fragment: it stays within its place in the URL (a value that does not
// belong in a host makes the calls fail with an invalid base URL). A value
// made only of dots is encoded too, as "." and ".." in a path would be
// resolved as dot-segments.
func serverVar(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '~' || c == '.' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	out := b.String()
	if out != "" && strings.Trim(out, ".") == "" {
		out = strings.ReplaceAll(out, ".", "%2E")
	}
	return out
}
