package templates

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// The generated structs encode and decode through the codec in this file and
// in jsonscan.go, jsonplan.go, jsondecode.go and jsonencode.go, rather than
// through encoding/json's own struct handling, for three reasons:
//   - the same struct is encoded two ways: in full (MarshalJSON, which keeps
//     every field so a decoded response re-encodes unchanged) and as a request
//     body, which leaves out readOnly properties at every depth;
//   - object members the spec does not list, and members whose value the Go
//     type cannot hold, are kept and re-encoded;
//   - numbers in free-form values decode as json.Number, so nothing is rounded.
//
// The codec reads the bytes once, front to back, with a scanner of its own,
// straight into the Go values, following a plan per Go type that reflection
// builds once from the struct tags (jsonplan.go). It is not generated code:
// a method per struct would cost compile time, and a large API has
// thousands of structs.
//
// Two cases JSON leaves open are decided so that what is read is what is
// written back:
//   - a member that appears twice in one object counts once, the last time
//     (as encoding/json reads it); the earlier one is dropped, not kept;
//   - a string that is not valid Unicode (invalid UTF-8, an unpaired
//     surrogate escape) is not changed into U+FFFD: it does not fit a Go
//     string, so its member is kept as it came (InvalidFields) and written
//     back byte for byte.

// keptFields keeps what decoding could not put in a field, in the order it
// arrived: members the spec does not list, and members whose value the field
// cannot hold (a null the spec does not allow, a string where a number
// belongs). Encoding writes them back, so decoding and re-encoding loses
// nothing. Every generated struct has one, in its unexported field "kept".
//
// It holds a pointer, nil until a member is kept, rather than the slice
// itself: a struct nests a dozen others, and a slice header in each was a
// ninth of a decoded list's memory. Only decoding writes it, always into a
// value it has just cleared, so copies of a struct that share the pointer
// never see each other change.
type keptFields struct {
	_       [0]func() // generated structs stay incomparable, as they were with a slice here
	members *[]rawMember
}

type rawMember struct {
	key   string
	value json.RawMessage // valid JSON without white space
	known bool            // the key names a field, which could not hold the value
	err   error           // why, for a known field
}

// list returns the kept members, nil when there are none.
func (k *keptFields) list() []rawMember {
	if k.members == nil {
		return nil
	}
	return *k.members
}

func (k *keptFields) add(m rawMember) {
	if k.members == nil {
		k.members = new([]rawMember)
	}
	*k.members = append(*k.members, m)
}

// remove drops the members named key: a name that comes again replaces
// what came before (see keptNames for objects that keep many).
func (k *keptFields) remove(key string) {
	if k.members == nil {
		return
	}
	*k.members = slices.DeleteFunc(*k.members, func(m rawMember) bool { return m.key == key })
}

// UnknownFields returns the members of the JSON object v was decoded from
// that its spec does not describe, keyed by name; nil when there were none.
// v is a generated struct or a pointer to one.
func UnknownFields(v any) map[string]json.RawMessage {
	return keptMembers(v, false)
}

// InvalidFields returns the members of the JSON object v was decoded from
// whose value did not fit the field the spec describes: a number where a
// string belongs, an invalid date-time, null where the spec does not allow
// it, a list with such an item, text that is not valid UTF-8. The field
// keeps its zero value; the raw value is returned here and is written back
// when v is encoded, for as long as the field is not set. v is a generated
// struct or a pointer to one.
func InvalidFields(v any) map[string]json.RawMessage {
	return keptMembers(v, true)
}

func keptMembers(v any, known bool) map[string]json.RawMessage {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if !rv.IsValid() {
		return nil
	}
	p := planOf(rv.Type())
	if p.kind != planStruct {
		return nil
	}
	kept := rv.Field(p.st.kept).Field(1) // read only: the field is unexported
	if kept.IsNil() {
		return nil
	}
	kept = kept.Elem()
	var m map[string]json.RawMessage
	for i := 0; i < kept.Len(); i++ {
		member := kept.Index(i)
		if member.Field(2).Bool() != known {
			continue
		}
		if m == nil {
			m = map[string]json.RawMessage{}
		}
		m[member.Field(0).String()] = slices.Clone(json.RawMessage(member.Field(1).Bytes()))
	}
	return m
}

// decodeStruct decodes the JSON document data into *v, a generated struct.
// A member whose value its field cannot hold does not fail the decoding: the
// field stays zero and the value is kept (see InvalidFields). Only JSON that
// is not an object, or not JSON, is an error; null leaves v as it is.
func decodeStruct(data []byte, v any) error {
	return decodeValue(data, v)
}

// decodeValue decodes one JSON document into dst, a non-nil pointer, with
// numbers in free-form values kept as json.Number, and refuses trailing data.
func decodeValue(data []byte, dst any) error {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return errors.New("decode JSON: the destination is not a non-nil pointer")
	}
	return decodeDocument(data, rv.Elem())
}

// isNull reports whether data is the JSON null.
func isNull(data []byte) bool {
	s := scanner{data: data}
	return s.peek() == 'n' && s.literal("null") == nil && s.end() == nil
}

// checkPage refuses a page of a list whose items or metadata did not decode:
// lenient decoding would make it an empty page, and an iterator would stop
// there as if the list had ended.
func checkPage(page any, members ...string) error {
	bad := InvalidFields(page)
	for _, m := range members {
		if raw, ok := bad[m]; ok {
			return &DecodeError{Path: m, Err: fmt.Errorf("the page's %s does not fit its type: %s", m, excerpt(raw))}
		}
	}
	return nil
}

// present reports whether v is to be sent: false only for an Opt that is not
// Set and a Nullable that is neither Set nor Null.
func present(v any) bool {
	rv := reflect.ValueOf(v)
	switch planOf(rv.Type()).kind {
	case planOpt:
		return rv.Field(1).Bool()
	case planNullable:
		return rv.Field(1).Bool() || rv.Field(2).Bool()
	}
	return true
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

// jsonKind returns the first byte of a JSON value ('{', '[', '"', 't', 'f',
// 'n', or a digit or '-' for a number), or 0 for empty input.
func jsonKind(data []byte) byte {
	s := scanner{data: data}
	c := s.peek()
	if c == '-' || c >= '0' && c <= '9' {
		return '0'
	}
	if c == 't' || c == 'f' {
		return 't'
	}
	return c
}

// members calls f for each member of the JSON object data, with the member's
// name and the scanner at its value; f must consume the value. It reports
// false when data is not an object, or not JSON.
func members(data []byte, f func(name []byte, s *scanner) error) bool {
	s := scanner{data: data}
	if s.peek() != '{' {
		return false
	}
	s.i++
	for first := true; ; first = false {
		more, err := s.more('}', first)
		if err != nil {
			return false
		}
		if !more {
			break
		}
		name, _, err := s.key()
		if err != nil {
			return false
		}
		if err := f(name, &s); err != nil {
			return false
		}
	}
	return s.end() == nil
}

// discriminator returns the string value of member prop of a JSON object.
func discriminator(data []byte, prop string) (string, bool) {
	var tag string
	found := false
	ok := members(data, func(name []byte, s *scanner) error {
		if string(name) != prop {
			return s.skipValue()
		}
		found = false
		if s.peek() != '"' {
			return s.skipValue()
		}
		b, fl, err := s.str()
		if err == nil && fl&strInvalid == 0 {
			tag, found = string(b), true
		}
		return err
	})
	return tag, ok && found
}

// asSubtype decodes v, a struct with a discriminator of its own, into dst,
// one of its subtypes, when the discriminator property prop of v's JSON (its
// fields and the members kept from decoding) is one of tags. It reports
// whether it did.
func asSubtype(v any, prop string, dst any, tags ...string) bool {
	data, err := marshalValue(v, false)
	if err != nil {
		return false
	}
	tag, ok := discriminator(data, prop)
	if !ok || !slices.Contains(tags, tag) {
		return false
	}
	return decodeValue(data, dst) == nil
}

// bestFit returns the index of the candidate type that data fits best, or -1
// when it fits none. Each candidate is a nil pointer to a type. A candidate
// fits when data decodes into it with no member kept as invalid and, for a
// generated struct, every required property present; among those, the one
// that leaves the fewest members unknown wins, the first on a tie. This is
// how a union without a discriminator is told apart by shape.
func bestFit(data []byte, candidates ...any) int {
	best, bestScore := -1, 0
	for i, c := range candidates {
		t := reflect.TypeOf(c).Elem()
		v := reflect.New(t)
		if decodeValue(data, v.Interface()) != nil {
			continue
		}
		score := 0
		if p := planOf(t); p.kind == planStruct {
			if len(InvalidFields(v.Interface())) > 0 || !hasRequired(data, p.st) {
				continue
			}
			score = len(UnknownFields(v.Interface()))
		}
		if best < 0 || score < bestScore {
			best, bestScore = i, score
		}
	}
	return best
}

// hasRequired reports whether the JSON object data has every property that
// st's struct requires; for a tuple, whether the JSON array data has every
// position that is not optional.
func hasRequired(data []byte, st *structPlan) bool {
	if st.tuple {
		s := scanner{data: data}
		if s.peek() != '[' {
			return false
		}
		s.i++
		n := 0
		for first := true; ; first = false {
			more, err := s.more(']', first)
			if err != nil {
				return false
			}
			if !more {
				break
			}
			if s.skipValue() != nil {
				return false
			}
			n++
		}
		for i, f := range st.fields {
			if i >= n && !f.optional {
				return false
			}
		}
		return true
	}
	have := make([]bool, len(st.fields))
	if !members(data, func(name []byte, s *scanner) error {
		if i, ok := st.byName[string(name)]; ok {
			have[i] = true
		}
		return s.skipValue()
	}) {
		return false
	}
	for i, f := range st.fields {
		if !have[i] && !f.optional {
			return false
		}
	}
	return true
}

// unescapeName decodes the %XX escapes of a member name in an oagenjson tag.
func unescapeName(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if b, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				out = append(out, byte(b))
				i += 2
				continue
			}
		}
		out = append(out, s[i])
	}
	return string(out)
}
