// Package naming turns names from a spec into Go identifiers. words.go holds
// the pure string rules; resolve.go runs the one naming pass over a model.
package naming

import (
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Words splits s into words: at every character that is not a letter or a
// digit, and where lower case turns to upper case. A run of capitals stays
// one word, except for its last letter when lower case follows:
// "userId" → user Id; "URLPath" → URL Path; "porting-order_Filter" →
// porting order Filter; "1080p" → 1080p.
func Words(s string) []string {
	var words []string
	runes := []rune(s)
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			words = append(words, string(runes[start:end]))
		}
		start = -1
	}
	for i, r := range runes {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := runes[i-1]
		switch {
		case unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev) && isLowerWord(runes[start:i])):
			flush(i)
			start = i
		case unicode.IsUpper(prev) && unicode.IsUpper(r) && i+1 < len(runes) && unicode.IsLower(runes[i+1]) &&
			!pluralEnd(runes, i+1):
			flush(i)
			start = i
		}
	}
	flush(len(runes))
	return words
}

// pluralEnd reports whether runes[i] is an "s" that ends a word after a run
// of capitals, as in "IDs" or "URLs": it stays with them.
func pluralEnd(runes []rune, i int) bool {
	return runes[i] == 's' && (i+1 == len(runes) || !unicode.IsLower(runes[i+1]))
}

func isLowerWord(rs []rune) bool {
	for _, r := range rs {
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// initialisms are written in capitals in Go names, as golint wants.
var initialisms = map[string]string{}

func init() {
	for _, w := range strings.Fields(`ACL API ASCII CPU CSS CSV DNS EOF GUID HTML HTTP HTTPS ID IP JSON JWT LHS MMS
		OTA PDF QPS RAM RHS RPC SDK SIP SLA SMS SMTP SQL SSH SSO TCP TLS TTL UDP UI UID URI URL UTF8 UUID VM XML
		XMPP XSRF XSS`) {
		initialisms[strings.ToLower(w)] = w
	}
}

// Pascal joins words into an exported-style name: each word capitalised,
// initialisms in capitals ("id" → "ID", "ids" → "IDs"). A word in capitals
// stays so ("RDY" in "Activate RDY").
func Pascal(words []string) string {
	var b strings.Builder
	for _, w := range words {
		lower := strings.ToLower(w)
		if up, ok := initialisms[lower]; ok {
			b.WriteString(up)
			continue
		}
		if up, ok := initialisms[strings.TrimSuffix(lower, "s")]; ok && len(lower) > 2 {
			b.WriteString(up + "s")
			continue
		}
		r, size := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(w[size:])
		if b.Len() > MaxNameLen {
			break
		}
	}
	return capName(b.String())
}

// MaxNameLen bounds a Go name made from the spec, in bytes. The longest in
// the Telnyx SDK has 117; a longer name (a tag or a property of a thousand
// characters) is cut, and the naming pass keeps cut names apart as it does
// any that collide.
const MaxNameLen = 200

// capName cuts name to at most MaxNameLen bytes, at a character boundary.
func capName(name string) string {
	if len(name) <= MaxNameLen {
		return name
	}
	cut := MaxNameLen
	for cut > 0 && !utf8.RuneStart(name[cut]) {
		cut--
	}
	return name[:cut]
}

// wordsOf splits s into words; a name written wholly in capitals
// (ACCOUNT_NUMBER_MISMATCH) is lowered first, so that it comes out in
// title case (AccountNumberMismatch) rather than shouting.
func wordsOf(s string) []string {
	words := Words(s)
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return words
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters > 1 {
		for i, w := range words {
			words[i] = strings.ToLower(w)
		}
	}
	return words
}

// Exported returns an exported Go identifier for s. A name that would start
// with something other than an upper-case letter (a digit, a letter without
// case) gets the prefix "X"; an empty one becomes "Empty".
func Exported(s string) string {
	return exportedWords(wordsOf(s))
}

func exportedWords(words []string) string {
	name := Pascal(words)
	if name == "" {
		return "Empty"
	}
	if r, _ := utf8.DecodeRuneInString(name); !unicode.IsUpper(r) {
		name = "X" + name
	}
	return name
}

// IsExported reports whether s is a valid exported Go identifier.
func IsExported(s string) bool {
	return token.IsIdentifier(s) && token.IsExported(s)
}

// predeclared are the names of the universe block: usable as locals only at
// the price of shadowing a builtin.
var predeclared = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`any bool byte comparable complex64 complex128 error float32 float64 int int8
		int16 int32 int64 rune string uint uint8 uint16 uint32 uint64 uintptr true false iota nil append cap clear
		close complex copy delete imag len make max min new panic print println real recover`) {
		predeclared[w] = true
	}
}

// Local returns an unexported identifier for s, for a parameter or a local
// variable, that is not a keyword, not a predeclared name and not in taken
// (the package names a function imports, and its other locals). It adds the
// result to taken.
func Local(s string, taken map[string]bool) string {
	words := wordsOf(s)
	name := "v"
	if len(words) > 0 {
		first := Pascal(words[:1])
		rest := Pascal(words[1:])
		// Lower the first word whole when it is an initialism ("ID" → "id",
		// "IDs" → "ids", "URL" → "url"), else only its first letter.
		if strings.ToUpper(strings.TrimSuffix(first, "s")) == strings.TrimSuffix(first, "s") {
			first = strings.ToLower(first)
		} else {
			r, size := utf8.DecodeRuneInString(first)
			first = string(unicode.ToLower(r)) + first[size:]
		}
		name = first + rest
		if r, _ := utf8.DecodeRuneInString(name); !unicode.IsLetter(r) {
			name = "v" + name
		}
	}
	base := name
	for i := 2; token.IsKeyword(name) || predeclared[name] || taken[name] || !token.IsIdentifier(name); i++ {
		if i == 2 {
			name = base + "_"
		} else {
			name = base + "_" + itoa(i)
		}
	}
	taken[name] = true
	return name
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	n := len(b)
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	return string(b[n:])
}
