package templates

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"unicode/utf8"
)

// The generated structs encode and decode themselves through the helpers in
// this file rather than through encoding/json's reflection, for three reasons:
//   - the same struct is encoded two ways: in full (MarshalJSON, which keeps
//     every field so a decoded response re-encodes unchanged) and as a request
//     body, which leaves out readOnly properties;
//   - object keys that the spec does not list are kept and re-encoded;
//   - numbers in free-form values decode as json.Number, so nothing is rounded.

// jsonEncodable is implemented by every generated struct, enum-free union and
// wrapper: it writes the value into e.
type jsonEncodable interface {
	encodeJSON(e *encoder)
}

// presence is implemented by Opt and Nullable: a field that may be absent.
type presence interface {
	IsSet() bool
	present() bool // whether the field goes into the JSON object
}

// encoder writes JSON into buf. request selects the request-body form, which
// leaves out readOnly properties at every depth.
type encoder struct {
	buf     []byte
	request bool
	first   []bool // one entry per open object or array: no comma needed yet
	err     error
}

// marshalValue encodes v in full (request false) or as a request body.
func marshalValue(v any, request bool) ([]byte, error) {
	e := &encoder{request: request}
	e.value(v)
	if e.err != nil {
		return nil, e.err
	}
	return e.buf, nil
}

// marshalRequest encodes v as a request body: readOnly properties are left out.
func marshalRequest(v any) ([]byte, error) { return marshalValue(v, true) }

func (e *encoder) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

// sep writes the comma before every member of an object or array but the first.
func (e *encoder) sep() {
	if n := len(e.first); n > 0 {
		if e.first[n-1] {
			e.first[n-1] = false
		} else {
			e.buf = append(e.buf, ',')
		}
	}
}

func (e *encoder) beginObject() { e.buf = append(e.buf, '{'); e.first = append(e.first, true) }
func (e *encoder) endObject()   { e.buf = append(e.buf, '}'); e.first = e.first[:len(e.first)-1] }
func (e *encoder) beginArray()  { e.buf = append(e.buf, '['); e.first = append(e.first, true) }
func (e *encoder) endArray()    { e.buf = append(e.buf, ']'); e.first = e.first[:len(e.first)-1] }
func (e *encoder) null()        { e.buf = append(e.buf, "null"...) }

// key writes an object key and its colon; the value must follow.
func (e *encoder) key(name string) {
	e.sep()
	e.buf = appendQuoted(e.buf, name)
	e.buf = append(e.buf, ':')
}

// field writes a property that is always present.
func (e *encoder) field(name string, v any) {
	e.key(name)
	e.value(v)
}

// optional writes a property only when it is present (a value, or an
// explicit null).
func (e *encoder) optional(name string, v presence) {
	if v.present() {
		e.field(name, v)
	}
}

// value writes any Go value as JSON.
func (e *encoder) value(v any) {
	if e.err != nil {
		return
	}
	switch x := v.(type) {
	case nil:
		e.null()
	case jsonEncodable:
		x.encodeJSON(e)
	case string:
		e.buf = appendQuoted(e.buf, x)
	case bool:
		e.buf = strconv.AppendBool(e.buf, x)
	case int64:
		e.buf = strconv.AppendInt(e.buf, x, 10)
	case int32:
		e.buf = strconv.AppendInt(e.buf, int64(x), 10)
	case int:
		e.buf = strconv.AppendInt(e.buf, int64(x), 10)
	case json.Number:
		if x == "" {
			x = "0"
		}
		e.raw([]byte(x))
	case json.RawMessage:
		if x == nil {
			e.null()
			return
		}
		e.raw(x)
	default:
		e.reflectValue(reflect.ValueOf(v))
	}
}

// raw appends already-encoded JSON after checking it.
func (e *encoder) raw(data []byte) {
	var buf bytes.Buffer
	if err := json.Compact(&buf, data); err != nil {
		e.fail(fmt.Errorf("invalid raw JSON: %w", err))
		return
	}
	e.buf = append(e.buf, buf.Bytes()...)
}

// reflectValue walks slices, arrays, maps and pointers itself so that the
// request form reaches generated structs at every depth; everything else
// (time.Time, numbers, []byte) goes through encoding/json.
func (e *encoder) reflectValue(rv reflect.Value) {
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			e.null()
			return
		}
		e.value(rv.Elem().Interface())
		return
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			break // []byte: base64 through encoding/json
		}
		if rv.IsNil() {
			e.null()
			return
		}
		fallthrough
	case reflect.Array:
		e.beginArray()
		for i := 0; i < rv.Len(); i++ {
			e.sep()
			e.value(rv.Index(i).Interface())
		}
		e.endArray()
		return
	case reflect.Map:
		if rv.Type().Key().Kind() != reflect.String {
			break
		}
		if rv.IsNil() {
			e.null()
			return
		}
		keys := rv.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		e.beginObject()
		for _, k := range keys {
			e.field(k.String(), rv.MapIndex(k).Interface())
		}
		e.endObject()
		return
	}
	data, err := json.Marshal(rv.Interface())
	if err != nil {
		e.fail(err)
		return
	}
	e.buf = append(e.buf, data...)
}

// appendQuoted appends s as a JSON string. Invalid UTF-8 becomes U+FFFD, as in
// encoding/json; <, > and & are kept as they are, so text round-trips unchanged.
func appendQuoted(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				buf = append(buf, '\\', c)
			case c == '\n':
				buf = append(buf, '\\', 'n')
			case c == '\r':
				buf = append(buf, '\\', 'r')
			case c == '\t':
				buf = append(buf, '\\', 't')
			case c < 0x20:
				buf = append(buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				buf = append(buf, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			buf = append(buf, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			// Valid JSON, but escaped so the output is also valid JavaScript.
			buf = append(buf, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			buf = append(buf, s[i:i+size]...)
		}
		i += size
	}
	return append(buf, '"')
}

// unknownFields keeps the object members that the spec does not list, in the
// order they arrived, so that decoding and re-encoding loses nothing. It is
// embedded in every generated struct.
type unknownFields struct {
	unknown []rawMember
}

type rawMember struct {
	key   string
	value json.RawMessage
}

// UnknownFields returns the members of the decoded JSON object that the spec
// does not describe, keyed by name. It returns nil when there were none.
func (u unknownFields) UnknownFields() map[string]json.RawMessage {
	if len(u.unknown) == 0 {
		return nil
	}
	m := make(map[string]json.RawMessage, len(u.unknown))
	for _, f := range u.unknown {
		m[f.key] = f.value
	}
	return m
}

// encodeUnknown writes the kept members back, after the known ones.
func (e *encoder) encodeUnknown(u unknownFields) {
	for _, f := range u.unknown {
		e.key(f.key)
		e.raw(f.value)
	}
}

// DecodeError says where in a JSON document a value failed to decode.
type DecodeError struct {
	Path string // e.g. "data.misc.type" or "data.phone_numbers[2]"
	Err  error
}

func (e *DecodeError) Error() string {
	if e.Path == "" {
		return "decode JSON: " + e.Err.Error()
	}
	return "decode JSON: " + e.Path + ": " + e.Err.Error()
}

func (e *DecodeError) Unwrap() error { return e.Err }

// atKey puts key in front of the path of a DecodeError.
func atKey(key string, err error) error {
	if err == nil {
		return nil
	}
	var de *DecodeError
	if errors.As(err, &de) {
		path := key
		if de.Path != "" {
			if de.Path[0] == '[' {
				path += de.Path
			} else {
				path += "." + de.Path
			}
		}
		return &DecodeError{Path: path, Err: de.Err}
	}
	return &DecodeError{Path: key, Err: err}
}

// decodeObject reads a JSON object member by member. field decodes a member
// the spec lists and reports whether it knew the key; the others are kept in
// u. A JSON null leaves everything untouched, as encoding/json does.
func decodeObject(data []byte, u *unknownFields, field func(key string, raw []byte) (bool, error)) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return &DecodeError{Err: err}
	}
	if tok == nil {
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return &DecodeError{Err: fmt.Errorf("expected an object, got %s", describeToken(tok))}
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return &DecodeError{Err: err}
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return atKey(key, err)
		}
		known, err := field(key, raw)
		if err != nil {
			return atKey(key, err)
		}
		if !known {
			u.unknown = append(u.unknown, rawMember{key: key, value: raw})
		}
	}
	if _, err := dec.Token(); err != nil {
		return &DecodeError{Err: err}
	}
	if _, err := dec.Token(); err != io.EOF {
		return &DecodeError{Err: errors.New("unexpected data after the object")}
	}
	return nil
}

func describeToken(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			return "an array"
		}
		return string(t)
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number, float64:
		return "a number"
	}
	return fmt.Sprint(tok)
}

// decodeValue decodes one JSON value into dst, with numbers in free-form
// values kept as json.Number, and refuses trailing data.
func decodeValue(data []byte, dst any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(dst); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("unexpected data after the value")
	}
	return nil
}

// jsonKind returns the first byte of a JSON value ('{', '[', '"', 't', 'f',
// 'n', or a digit or '-' for a number), or 0 for empty input.
func jsonKind(data []byte) byte {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 {
		return 0
	}
	c := data[0]
	if c == '-' || c >= '0' && c <= '9' {
		return '0'
	}
	if c == 't' || c == 'f' {
		return 't'
	}
	return c
}

// discriminator returns the string value of member prop of a JSON object.
func discriminator(data []byte, prop string) (string, bool) {
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil {
		return "", false
	}
	var s string
	if json.Unmarshal(m[prop], &s) != nil {
		return "", false
	}
	return s, true
}
