package templates

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"
)

// scanner reads one JSON document from a byte slice, once, front to back.
// The decoder (jsondecode.go) calls it for the next token of the value it is
// filling; values nobody wants (members the spec does not list, members
// whose value does not fit their field) are skipped by skipValue, which
// checks their syntax and returns where they end, so that their bytes can be
// kept as one copy.
//
// Strings are returned as a view of the input when they hold no escape, the
// common case, and otherwise unescaped into a scratch buffer that the next
// escaped string reuses: a caller that keeps a string copies it (one
// allocation, as string(b) does).
type scanner struct {
	data    []byte
	i       int // the next byte to read
	depth   int // objects and arrays open around i
	scratch []byte
	arena   []byte // where short strings are copied (see text)
}

// maxDepth bounds how deeply objects and arrays may nest, as encoding/json's
// does: the decoder recurses once per level, and a hostile body of a
// million '[' must end in an error, not exhaust the stack.
const maxDepth = 10000

// syntaxError is JSON that is not JSON: it fails the whole document. Every
// other decoding error is a value that does not fit its Go type, which the
// decoder keeps (see keptFields) and gets past.
type syntaxError struct {
	msg    string
	offset int
}

func (e *syntaxError) Error() string { return fmt.Sprintf("%s at offset %d", e.msg, e.offset) }

func (s *scanner) fail(msg string) error { return &syntaxError{msg: msg, offset: s.i} }

// unexpected describes the byte at s.i, or the end of the input.
func (s *scanner) unexpected(context string) error {
	if s.i >= len(s.data) {
		return s.fail("unexpected end of JSON input" + context)
	}
	return s.fail(fmt.Sprintf("invalid character %s%s", quoteChar(s.data[s.i]), context))
}

func quoteChar(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c == '"' {
		return `'"'`
	}
	if c < 0x20 || c >= 0x7f {
		return fmt.Sprintf("0x%02x", c)
	}
	return "'" + string(c) + "'"
}

// peek skips white space and returns the next byte, or 0 at the end (or at
// a NUL byte, which no JSON value starts with).
func (s *scanner) peek() byte {
	// The common case, no white space, is small enough to be inlined at
	// each of the decoder's many calls.
	if s.i < len(s.data) && s.data[s.i] > ' ' {
		return s.data[s.i]
	}
	return s.skipSpace()
}

// skipSpace is peek past white space.
func (s *scanner) skipSpace() byte {
	for s.i < len(s.data) {
		switch c := s.data[s.i]; c {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return c
		}
	}
	return 0
}

// expect consumes c after white space.
func (s *scanner) expect(c byte, context string) error {
	if s.peek() != c {
		return s.unexpected(context)
	}
	s.i++
	return nil
}

// end checks that nothing but white space follows the document.
func (s *scanner) end() error {
	if s.peek(); s.i < len(s.data) { // not peek() != 0: a NUL byte is data too
		return s.unexpected(" after top-level value")
	}
	return nil
}

// enter and leave count the nesting of objects and arrays.
func (s *scanner) enter() error {
	s.depth++
	if s.depth > maxDepth {
		return s.fail(fmt.Sprintf("JSON nested deeper than %d levels", maxDepth))
	}
	return nil
}

func (s *scanner) leave() { s.depth-- }

// more is called after a member or item of an object or array (or just after
// its opening bracket, with first set): it consumes the comma before the
// next one and reports whether there is one, or consumes the closing
// bracket and reports false.
func (s *scanner) more(closing byte, first bool) (bool, error) {
	c := s.peek()
	if c == closing {
		s.i++
		return false, nil
	}
	if first {
		return true, nil
	}
	if c != ',' {
		if closing == '}' {
			return false, s.unexpected(" after object member")
		}
		return false, s.unexpected(" after array element")
	}
	s.i++
	if s.peek() == closing {
		return false, s.unexpected(" after comma")
	}
	return true, nil
}

// key reads an object member's name and its colon. The name is a view of
// the input or of the scratch buffer, valid until the next string is read.
func (s *scanner) key() ([]byte, strFlags, error) {
	if s.peek() != '"' {
		return nil, 0, s.unexpected(" looking for beginning of object key string")
	}
	k, fl, err := s.str()
	if err != nil {
		return nil, 0, err
	}
	if err := s.expect(':', " after object key"); err != nil {
		return nil, 0, err
	}
	return k, fl, nil
}

// skipPrefix consumes p when the input at s.i starts with it.
// Names are short: it compares eight bytes at a time, the last eight
// overlapping the ones before, rather than calling memequal.
func (s *scanner) skipPrefix(p []byte) bool {
	rest, n := s.data[s.i:], len(p)
	if len(rest) < n {
		return false
	}
	if n < 8 {
		if string(rest[:n]) != string(p) {
			return false
		}
	} else {
		for i := 0; i < n-8; i += 8 {
			if binary.LittleEndian.Uint64(rest[i:]) != binary.LittleEndian.Uint64(p[i:]) {
				return false
			}
		}
		if binary.LittleEndian.Uint64(rest[n-8:]) != binary.LittleEndian.Uint64(p[n-8:]) {
			return false
		}
	}
	s.i += n
	return true
}

// strFlags say what str found in a string.
type strFlags uint8

const (
	strEscaped strFlags = 1 << iota // the result is in the scratch buffer
	strInvalid                      // invalid UTF-8 or an unpaired surrogate escape
)

// str reads the string at s.i (which must be '"') and returns its text,
// unescaped. Text that is not valid Unicode (invalid UTF-8 bytes, a \ud800
// with no low surrogate after it) is returned with strInvalid: encoding/json
// would turn it into U+FFFD silently; the decoder keeps the raw value
// instead (see keptFields), so that nothing is changed.
func (s *scanner) str() ([]byte, strFlags, error) {
	s.i++ // the opening quote
	start := s.i
	data := s.data
	var flags strFlags
	for i := start; i < len(data); {
		i += plainRun(data[i:])
		if i >= len(data) {
			break
		}
		c := data[i]
		if plainASCII[c&0x7f] && c < utf8.RuneSelf {
			i++
			continue
		}
		switch {
		case c == '"':
			s.i = i + 1
			return data[start:i], flags, nil
		case c == '\\':
			s.i = i
			return s.strEscaped(start, flags)
		case c < 0x20:
			s.i = i
			return nil, 0, s.fail(fmt.Sprintf("invalid character %s in string literal", quoteChar(c)))
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				flags |= strInvalid
			}
			i += size
		}
	}
	s.i = len(data)
	return nil, 0, s.fail("unexpected end of JSON input in string literal")
}

// plainRun returns how many bytes at the start of b are printable ASCII
// other than a quote or a backslash: the bytes a string holds as they are.
// It looks at eight bytes at a time, which is most of the decoder's speed
// on ids, dates and names.
func plainRun(b []byte) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	n := 0
	for ; n+8 <= len(b); n += 8 {
		w := binary.LittleEndian.Uint64(b[n:])
		quote := w ^ ('"' * ones)
		backslash := w ^ ('\\' * ones)
		// A byte's high bit is set in special where the byte is 0x80 or
		// more, below 0x20, a quote or a backslash (x-ones&^x has it where
		// a byte of x is zero). A borrow can only mark bytes after the
		// first marked one, so the lowest mark is exact.
		special := (w | (w - 0x20*ones) | (quote-ones)&^quote | (backslash-ones)&^backslash) & highs
		if special != 0 {
			return n + bits.TrailingZeros64(special)/8
		}
	}
	for ; n < len(b); n++ {
		if c := b[n]; c >= utf8.RuneSelf || !plainASCII[c] {
			break
		}
	}
	return n
}

// strEscaped continues str from the first backslash, unescaping into the
// scratch buffer.
func (s *scanner) strEscaped(start int, flags strFlags) ([]byte, strFlags, error) {
	buf := append(s.scratch[:0], s.data[start:s.i]...)
	data := s.data
	i := s.i
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			s.i = i + 1
			s.scratch = buf
			return buf, flags | strEscaped, nil
		case c == '\\':
			if i+1 >= len(data) {
				s.i = len(data)
				return nil, 0, s.fail("unexpected end of JSON input in string escape code")
			}
			switch e := data[i+1]; e {
			case '"', '\\', '/':
				buf = append(buf, e)
				i += 2
			case 'b':
				buf = append(buf, '\b')
				i += 2
			case 'f':
				buf = append(buf, '\f')
				i += 2
			case 'n':
				buf = append(buf, '\n')
				i += 2
			case 'r':
				buf = append(buf, '\r')
				i += 2
			case 't':
				buf = append(buf, '\t')
				i += 2
			case 'u':
				r, ok := hex4(data, i+2)
				if !ok {
					s.i = i
					return nil, 0, s.fail("invalid \\u escape in string literal")
				}
				i += 6
				if utf16.IsSurrogate(r) {
					if r2, ok := hex4(data, i+2); ok && i+1 < len(data) && data[i] == '\\' && data[i+1] == 'u' {
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							buf = utf8.AppendRune(buf, dec)
							i += 6
							continue
						}
					}
					flags |= strInvalid
					r = utf8.RuneError
				}
				buf = utf8.AppendRune(buf, r)
			default:
				s.i = i + 1
				return nil, 0, s.fail(fmt.Sprintf("invalid character %s in string escape code", quoteChar(e)))
			}
		case c < 0x20:
			s.i = i
			return nil, 0, s.fail(fmt.Sprintf("invalid character %s in string literal", quoteChar(c)))
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				flags |= strInvalid
			}
			buf = append(buf, data[i:i+size]...)
			i += size
		}
	}
	s.i = len(data)
	return nil, 0, s.fail("unexpected end of JSON input in string literal")
}

// hex4 reads the four hex digits of a \u escape at data[i:].
func hex4(data []byte, i int) (rune, bool) {
	if i+4 > len(data) {
		return 0, false
	}
	var r rune
	for _, c := range data[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	return r, true
}

// skipString moves past the string at s.i, checking its escapes but not
// unescaping it: for values that are kept as they came.
func (s *scanner) skipString() error {
	data := s.data
	for i := s.i + 1; i < len(data); {
		switch c := data[i]; {
		case c == '"':
			s.i = i + 1
			return nil
		case c == '\\':
			if i+1 >= len(data) {
				s.i = len(data)
				return s.fail("unexpected end of JSON input in string escape code")
			}
			if data[i+1] == 'u' {
				if _, ok := hex4(data, i+2); !ok {
					s.i = i
					return s.fail("invalid \\u escape in string literal")
				}
				i += 6
				continue
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
				continue
			}
			s.i = i + 1
			return s.fail(fmt.Sprintf("invalid character %s in string escape code", quoteChar(data[i+1])))
		case c < 0x20:
			s.i = i
			return s.fail(fmt.Sprintf("invalid character %s in string literal", quoteChar(c)))
		default:
			i++
		}
	}
	s.i = len(data)
	return s.fail("unexpected end of JSON input in string literal")
}

// number reads the number at s.i and returns its text, checked against
// JSON's grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *scanner) number() ([]byte, error) {
	data := s.data
	start, i := s.i, s.i
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && '1' <= data[i] && data[i] <= '9':
		for i++; i < len(data) && isDigit(data[i]); i++ {
		}
	default:
		s.i = i
		return nil, s.unexpected(" in numeric literal")
	}
	if i < len(data) && data[i] == '.' {
		i++
		if i >= len(data) || !isDigit(data[i]) {
			s.i = i
			return nil, s.unexpected(" after decimal point in numeric literal")
		}
		for i++; i < len(data) && isDigit(data[i]); i++ {
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) || !isDigit(data[i]) {
			s.i = i
			return nil, s.unexpected(" in exponent of numeric literal")
		}
		for i++; i < len(data) && isDigit(data[i]); i++ {
		}
	}
	s.i = i
	return data[start:i], nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// literal consumes one of true, false and null, whose first byte is at s.i.
func (s *scanner) literal(word string) error {
	// Four bytes at once: null, true and the start of false.
	if rest := s.data[s.i:]; len(rest) >= len(word) &&
		binary.LittleEndian.Uint32(rest) == uint32(word[0])|uint32(word[1])<<8|uint32(word[2])<<16|uint32(word[3])<<24 &&
		(len(word) == 4 || rest[4] == word[4]) {
		s.i += len(word)
		return nil
	}
	for j := 0; j < len(word); j++ {
		if s.i+j >= len(s.data) || s.data[s.i+j] != word[j] {
			s.i += j
			return s.unexpected(" in literal " + word + " (expecting '" + word[j:j+1] + "')")
		}
	}
	return nil
}

// skipValue moves past the value at s.i after white space, checking it.
func (s *scanner) skipValue() error {
	switch c := s.peek(); {
	case c == '"':
		return s.skipString()
	case c == '{':
		s.i++
		if err := s.enter(); err != nil {
			return err
		}
		for first := true; ; first = false {
			more, err := s.more('}', first)
			if err != nil {
				return err
			}
			if !more {
				break
			}
			if s.peek() != '"' {
				return s.unexpected(" looking for beginning of object key string")
			}
			if err := s.skipString(); err != nil {
				return err
			}
			if err := s.expect(':', " after object key"); err != nil {
				return err
			}
			if err := s.skipValue(); err != nil {
				return err
			}
		}
		s.leave()
		return nil
	case c == '[':
		s.i++
		if err := s.enter(); err != nil {
			return err
		}
		for first := true; ; first = false {
			more, err := s.more(']', first)
			if err != nil {
				return err
			}
			if !more {
				break
			}
			if err := s.skipValue(); err != nil {
				return err
			}
		}
		s.leave()
		return nil
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	case c == '-' || isDigit(c):
		_, err := s.number()
		return err
	}
	return s.unexpected(" looking for beginning of value")
}

// describe names the kind of the value at s.i, for error messages.
func (s *scanner) describe() string {
	switch s.peek() {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// appendCompact appends the JSON value data to buf without its insignificant
// white space, and reports whether data is exactly one valid JSON value.
func appendCompact(buf, data []byte) ([]byte, error) {
	s := scanner{data: data}
	if err := s.skipValue(); err != nil {
		return buf, err
	}
	if err := s.end(); err != nil {
		return buf, err
	}
	return appendCompacted(buf, data), nil
}

// appendCompacted appends valid JSON without the white space between its
// tokens. Most values have none, and are appended in one piece.
func appendCompacted(buf, data []byte) []byte {
	ws := false
	inStr := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if inStr {
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
			continue
		}
		if c == '"' {
			inStr = true
		} else if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			ws = true
			break
		}
	}
	if !ws {
		return append(buf, data...)
	}
	inStr = false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if inStr {
			buf = append(buf, c)
			if c == '\\' && i+1 < len(data) {
				i++
				buf = append(buf, data[i])
			} else if c == '"' {
				inStr = false
			}
			continue
		}
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		case '"':
			inStr = true
		}
		buf = append(buf, c)
	}
	return buf
}
