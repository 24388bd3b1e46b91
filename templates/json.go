package templates

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The generated structs encode and decode through the helpers in this file
// rather than through encoding/json's own struct handling, for three reasons:
//   - the same struct is encoded two ways: in full (MarshalJSON, which keeps
//     every field so a decoded response re-encodes unchanged) and as a request
//     body, which leaves out readOnly properties at every depth;
//   - object members the spec does not list, and members whose value the Go
//     type cannot hold, are kept and re-encoded;
//   - numbers in free-form values decode as json.Number, so nothing is rounded.
//
// The work is done by reflection over a per-type field table, not by
// generated code: a generated method per struct costs compile time, and a
// large API has thousands of structs.

// jsonEncodable is implemented by the generated unions: each writes the
// variant it holds into e.
type jsonEncodable interface {
	encodeJSON(e *encoder)
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

// raw appends already-encoded JSON after checking it.
func (e *encoder) raw(data []byte) {
	var buf bytes.Buffer
	if err := json.Compact(&buf, data); err != nil {
		e.fail(fmt.Errorf("invalid raw JSON: %w", err))
		return
	}
	e.buf = append(e.buf, buf.Bytes()...)
}

// value writes any Go value as JSON.
func (e *encoder) value(v any) {
	if v == nil {
		e.null()
		return
	}
	e.reflectValue(reflect.ValueOf(v))
}

var (
	rawMessageType = reflect.TypeFor[json.RawMessage]()
	numberType     = reflect.TypeFor[json.Number]()
	marshalerType  = reflect.TypeFor[json.Marshaler]()
	textType       = reflect.TypeFor[encoding.TextMarshaler]()
	encodableType  = reflect.TypeFor[jsonEncodable]()
)

// reflectValue writes rv. It walks generated structs, the wrappers, slices,
// maps and pointers itself, so that the request form reaches every depth;
// other types (time.Time, Date) go through their own MarshalJSON.
func (e *encoder) reflectValue(rv reflect.Value) {
	if e.err != nil {
		return
	}
	if !rv.IsValid() {
		e.null()
		return
	}
	if k := rv.Kind(); k == reflect.Pointer || k == reflect.Interface {
		if rv.IsNil() {
			e.null()
			return
		}
		e.reflectValue(rv.Elem())
		return
	}
	t := rv.Type()
	switch info := typeInfoOf(t); info.kind {
	case kindStruct:
		e.structValue(rv, info)
		return
	case kindOpt:
		if rv.Field(1).Bool() {
			e.reflectValue(rv.Field(0))
		} else {
			e.null()
		}
		return
	case kindNullable:
		if rv.Field(1).Bool() && !rv.Field(2).Bool() {
			e.reflectValue(rv.Field(0))
		} else {
			e.null()
		}
		return
	}
	switch {
	case t == rawMessageType:
		if rv.IsNil() {
			e.null()
		} else {
			e.raw(rv.Bytes())
		}
		return
	case t == numberType:
		n := rv.String()
		if n == "" {
			n = "0"
		}
		e.raw([]byte(n))
		return
	case t.Implements(encodableType) && rv.CanInterface():
		rv.Interface().(jsonEncodable).encodeJSON(e)
		return
	case t.Implements(marshalerType) || t.Implements(textType) || reflect.PointerTo(t).Implements(marshalerType):
		e.marshal(rv)
		return
	}
	switch rv.Kind() {
	case reflect.String:
		e.buf = appendQuoted(e.buf, rv.String())
	case reflect.Bool:
		e.buf = strconv.AppendBool(e.buf, rv.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.buf = strconv.AppendInt(e.buf, rv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.buf = strconv.AppendUint(e.buf, rv.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		e.float(rv.Float(), t.Bits())
	case reflect.Slice:
		if rv.IsNil() {
			e.null()
			return
		}
		if t.Elem().Kind() == reflect.Uint8 {
			e.marshal(rv) // []byte: base64
			return
		}
		e.array(rv)
	case reflect.Array:
		e.array(rv)
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			e.marshal(rv)
			return
		}
		if rv.IsNil() {
			e.null()
			return
		}
		keys := rv.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		e.beginObject()
		for _, k := range keys {
			e.key(k.String())
			e.reflectValue(rv.MapIndex(k))
		}
		e.endObject()
	default:
		e.marshal(rv)
	}
}

func (e *encoder) array(rv reflect.Value) {
	e.beginArray()
	for i := 0; i < rv.Len(); i++ {
		e.sep()
		e.reflectValue(rv.Index(i))
	}
	e.endArray()
}

func (e *encoder) float(f float64, bits int) {
	data, err := json.Marshal(f)
	if bits == 32 {
		data, err = json.Marshal(float32(f))
	}
	if err != nil {
		e.fail(err)
		return
	}
	e.buf = append(e.buf, data...)
}

// marshal hands rv to encoding/json.
func (e *encoder) marshal(rv reflect.Value) {
	if !rv.CanInterface() {
		e.fail(fmt.Errorf("cannot encode a %s held in an unexported field", rv.Type()))
		return
	}
	data, err := json.Marshal(rv.Interface())
	if err != nil {
		e.fail(err)
		return
	}
	e.buf = append(e.buf, data...)
}

// structValue writes a generated struct: its fields in spec order, each
// optional one only when present, then the members of its patternProperties
// and additionalProperties maps (each sorted by key), then the members it
// kept from decoding. A tuple (prefixItems) is written as an array instead.
func (e *encoder) structValue(rv reflect.Value, info *typeInfo) {
	kept := rv.Field(info.kept).Field(0) // []rawMember, read only
	if info.tuple {
		e.tupleValue(rv, info, kept)
		return
	}
	e.beginObject()
	for _, f := range info.fields {
		if f.readOnly && e.request {
			continue
		}
		if i := keptIndex(kept, f.name); i >= 0 {
			// A value the field could not hold is written back as it came.
			e.key(f.name)
			e.raw(kept.Index(i).Field(1).Bytes())
			continue
		}
		fv := rv.Field(f.index)
		if f.optional && !isPresent(fv, f.wrap) {
			continue
		}
		e.key(f.name)
		e.reflectValue(fv)
	}
	var written map[string]bool // members of the maps
	for _, i := range []int{info.pattern, info.extra} {
		if i >= 0 {
			written = e.mapMembers(rv.Field(i), rv.Type().Field(i).Name, info, written)
		}
	}
	for i := 0; i < kept.Len(); i++ {
		m := kept.Index(i)
		key := m.Field(0).String()
		if _, field := info.byName[key]; field && m.Field(2).Bool() {
			continue // known: written above, or readOnly in a request
		}
		if written[key] {
			continue // set in a map since: the map wins
		}
		e.key(key)
		e.raw(m.Field(1).Bytes())
	}
	e.endObject()
}

// mapMembers writes the members of a struct's patternProperties or
// additionalProperties map, sorted by key. A key that is a property, or that
// the other map already holds, is an error: one member cannot be sent twice.
func (e *encoder) mapMembers(mv reflect.Value, field string, info *typeInfo, written map[string]bool) map[string]bool {
	if mv.Len() == 0 {
		return written
	}
	keys := mv.MapKeys()
	sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
	if written == nil {
		written = map[string]bool{}
	}
	for _, k := range keys {
		key := k.String()
		if _, ok := info.byName[key]; ok {
			e.fail(fmt.Errorf("encode JSON: %s[%q] is a property of the object: set its field instead", field, key))
			return written
		}
		if written[key] {
			e.fail(fmt.Errorf("encode JSON: %s[%q]: the member is set in two maps", field, key))
			return written
		}
		written[key] = true
		e.key(key)
		e.reflectValue(mv.MapIndex(k))
	}
	return written
}

// tupleValue writes a tuple: its positions in order up to the first absent
// optional one, then Rest, then the items kept from decoding. A position set
// after an absent one cannot be written (an array has no holes): an error.
func (e *encoder) tupleValue(rv reflect.Value, info *typeInfo, kept reflect.Value) {
	e.beginArray()
	gap := -1 // the first absent position
	for i, f := range info.fields {
		if k := keptIndex(kept, f.name); k >= 0 {
			if gap >= 0 {
				e.fail(fmt.Errorf("encode JSON: tuple position %d is present but position %d is not", i, gap))
				return
			}
			e.sep()
			e.raw(kept.Index(k).Field(1).Bytes())
			continue
		}
		fv := rv.Field(f.index)
		if f.optional && !isPresent(fv, f.wrap) {
			if gap < 0 {
				gap = i
			}
			continue
		}
		if gap >= 0 {
			e.fail(fmt.Errorf("encode JSON: tuple position %d is set but position %d is not", i, gap))
			return
		}
		e.sep()
		e.reflectValue(fv)
	}
	rest := 0
	if info.rest >= 0 {
		rest = rv.Field(info.rest).Len()
	}
	more := rest
	for i := 0; i < kept.Len(); i++ {
		if _, field := info.byName[kept.Index(i).Field(0).String()]; !field {
			more++
		}
	}
	if more > 0 && gap >= 0 {
		e.fail(fmt.Errorf("encode JSON: the tuple has items after position %d, which is not set", gap))
		return
	}
	for i := 0; i < rest; i++ {
		e.sep()
		e.reflectValue(rv.Field(info.rest).Index(i))
	}
	for i := 0; i < kept.Len(); i++ {
		m := kept.Index(i)
		if _, field := info.byName[m.Field(0).String()]; field {
			continue
		}
		e.sep()
		e.raw(m.Field(1).Bytes())
	}
	e.endArray()
}

// keptIndex finds the kept value of a known field, or -1.
func keptIndex(kept reflect.Value, name string) int {
	for i := 0; i < kept.Len(); i++ {
		m := kept.Index(i)
		if m.Field(2).Bool() && m.Field(0).String() == name {
			return i
		}
	}
	return -1
}

// typeKind sorts the types the codec treats specially.
type typeKind uint8

const (
	kindOther    typeKind = iota
	kindStruct            // a generated struct
	kindOpt               // Opt[T]
	kindNullable          // Nullable[T]
)

// typeInfo is what the codec knows about one Go type, computed once.
type typeInfo struct {
	kind   typeKind
	fields []fieldInfo    // kindStruct: in spec order (a tuple: its positions)
	byName map[string]int // kindStruct: JSON name → index in fields (a tuple: "0", "1", ...)
	kept   int            // kindStruct: index of the keptFields field
	walk   bool           // the decoder must walk the value itself: it holds a wrapper

	// A struct may also have a map of the members that match its
	// patternProperties (oagen:"pattern", the expression in its pattern
	// tag) and a map of the other members that are not properties
	// (oagen:"extra"): additionalProperties beside properties.
	pattern, extra int // kindStruct: field indexes, or -1
	re             *regexp.Regexp

	// A tuple (prefixItems) is a struct of positions (oagen:"item", or
	// "item,optional" for a position that may be missing) encoded as a JSON
	// array, with the items after them in a slice (oagen:"rest").
	tuple bool
	rest  int // tuple: index of the Rest field, or -1
}

// fieldInfo describes one field of a generated struct, from its tags.
type fieldInfo struct {
	name     string   // JSON name
	index    int      // Go field index
	optional bool     // omitzero: left out when absent
	readOnly bool     // oagen:"readonly": never in a request body
	wrap     typeKind // kindOpt, kindNullable or kindOther
}

var (
	typeInfos   sync.Map // reflect.Type → *typeInfo
	thisPackage = reflect.TypeFor[keptFields]().PkgPath()
	keptType    = reflect.TypeFor[keptFields]()
)

func typeInfoOf(t reflect.Type) *typeInfo {
	if info, ok := typeInfos.Load(t); ok {
		return info.(*typeInfo)
	}
	// Types refer to each other in loops (a tree of nodes), so the infos of
	// one lookup are built together under a lock and published at the end.
	typeInfoMu.Lock()
	defer typeInfoMu.Unlock()
	building := map[reflect.Type]*typeInfo{}
	info := buildTypeInfo(t, building)
	for k, v := range building {
		typeInfos.Store(k, v)
	}
	return info
}

var typeInfoMu sync.Mutex

func buildTypeInfo(t reflect.Type, building map[reflect.Type]*typeInfo) *typeInfo {
	if info, ok := typeInfos.Load(t); ok {
		return info.(*typeInfo)
	}
	if info := building[t]; info != nil {
		return info // a loop: the kind is already set, which is all a field needs
	}
	info := &typeInfo{kept: -1, pattern: -1, extra: -1, rest: -1}
	building[t] = info
	if t.Kind() == reflect.Struct && t.PkgPath() == thisPackage {
		switch name := t.Name(); {
		case strings.HasPrefix(name, "Opt["):
			info.kind, info.walk = kindOpt, true
		case strings.HasPrefix(name, "Nullable["):
			info.kind, info.walk = kindNullable, true
		default:
			for i := 0; i < t.NumField(); i++ {
				if t.Field(i).Type == keptType {
					info.kept = i
					info.kind = kindStruct
				}
			}
		}
	}
	switch {
	case info.kind == kindStruct:
		info.byName = map[string]int{}
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			if !sf.IsExported() {
				continue
			}
			wrap := buildTypeInfo(sf.Type, building).kind
			role, opts, _ := strings.Cut(sf.Tag.Get("oagen"), ",")
			switch role {
			case "pattern":
				// An expression that does not compile (the generator checks
				// them all) leaves the members unmatched: kept, not lost.
				if re, err := regexp.Compile(sf.Tag.Get("pattern")); err == nil && sf.Type.Kind() == reflect.Map {
					info.pattern, info.re = i, re
				}
				continue
			case "extra":
				if sf.Type.Kind() == reflect.Map {
					info.extra = i
				}
				continue
			case "item":
				info.tuple = true
				name := strconv.Itoa(len(info.fields))
				info.byName[name] = len(info.fields)
				info.fields = append(info.fields, fieldInfo{name: name, index: i, optional: opts == "optional", wrap: wrap})
				continue
			case "rest":
				if sf.Type.Kind() == reflect.Slice {
					info.tuple, info.rest = true, i
				}
				continue
			}
			tag, ok := sf.Tag.Lookup("json")
			wire, escaped := sf.Tag.Lookup("oagenjson")
			if escaped {
				// A member name a json tag cannot hold (a comma, a quote,
				// "-"): percent-encoded in a tag of its own.
				tag, ok = wire, true
			}
			if !ok || tag == "-" && !escaped {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			if escaped {
				name = unescapeName(name)
			}
			f := fieldInfo{name: name, index: i, optional: strings.Contains(opts, "omitzero"),
				readOnly: role == "readonly", wrap: wrap}
			info.byName[name] = len(info.fields)
			info.fields = append(info.fields, f)
		}
	case info.kind == kindOther:
		switch t.Kind() {
		case reflect.Slice, reflect.Array, reflect.Map, reflect.Pointer:
			info.walk = t != rawMessageType && buildTypeInfo(t.Elem(), building).walk
		}
	case info.kind == kindOpt || info.kind == kindNullable:
		buildTypeInfo(t.Field(0).Type, building)
	}
	return info
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

// keptFields keeps what decoding could not put in a field, in the order it
// arrived: members the spec does not list, and members whose value the field
// cannot hold (a null the spec does not allow, a string where a number
// belongs). Encoding writes them back, so decoding and re-encoding loses
// nothing. Every generated struct has one, in its unexported field "kept".
type keptFields struct {
	members []rawMember
}

type rawMember struct {
	key   string
	value json.RawMessage
	known bool  // the key names a field, which could not hold the value
	err   error // why, for a known field
}

// UnknownFields returns the members of the JSON object v was decoded from
// that its spec does not describe, keyed by name; nil when there were none.
// v is a generated struct or a pointer to one.
func UnknownFields(v any) map[string]json.RawMessage {
	return keptMembers(v, false)
}

// InvalidFields returns the members of the JSON object v was decoded from
// whose value did not fit the field the spec describes: a number where a
// string belongs, an invalid date-time, or null where the spec does not allow
// it. The field keeps its zero value; the raw value is returned here and is
// written back when v is encoded. v is a generated struct or a pointer to one.
func InvalidFields(v any) map[string]json.RawMessage {
	return keptMembers(v, true)
}

func keptMembers(v any, known bool) map[string]json.RawMessage {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if !rv.IsValid() || typeInfoOf(rv.Type()).kind != kindStruct {
		return nil
	}
	kept := rv.Field(typeInfoOf(rv.Type()).kept).Field(0)
	var m map[string]json.RawMessage
	for i := 0; i < kept.Len(); i++ {
		member := kept.Index(i)
		if member.Field(2).Bool() != known {
			continue
		}
		if m == nil {
			m = map[string]json.RawMessage{}
		}
		m[member.Field(0).String()] = append(json.RawMessage(nil), member.Field(1).Bytes()...)
	}
	return m
}

// decodeStruct decodes a JSON object into *v, a generated struct whose
// keptFields are kept. A member whose value its field cannot hold does not
// fail the decoding: the field stays zero and the value is kept (see
// InvalidFields). Only JSON that is not an object, or not JSON, is an error.
func decodeStruct(data []byte, v any, kept *keptFields) error {
	rv := reflect.ValueOf(v).Elem()
	info := typeInfoOf(rv.Type())
	if isNull(data) {
		return nil
	}
	rv.SetZero()
	kept.members = nil
	if info.tuple {
		return decodeTuple(data, rv, info, kept)
	}
	return decodeObject(data, kept, func(key string, raw []byte) (bool, error) {
		i, ok := info.byName[key]
		if !ok {
			// patternProperties first, then additionalProperties: a member
			// that matches a pattern is not an additional one.
			m := info.extra
			if info.pattern >= 0 && info.re.MatchString(key) {
				m = info.pattern
			}
			if m < 0 {
				return false, nil
			}
			if err := putMember(rv.Field(m), key, raw); err != nil {
				kept.members = append(kept.members, rawMember{key: key, value: raw, known: true, err: err})
			}
			return true, nil
		}
		f := info.fields[i]
		if err := decodeField(raw, rv.Field(f.index), f.wrap); err != nil {
			kept.members = append(kept.members, rawMember{key: key, value: raw, known: true, err: err})
		}
		return true, nil
	})
}

// putMember decodes one member into map mv, making the map on first use.
func putMember(mv reflect.Value, key string, raw []byte) error {
	ev := reflect.New(mv.Type().Elem()).Elem()
	if err := decodeField(raw, ev, typeInfoOf(ev.Type()).kind); err != nil {
		return err
	}
	if mv.IsNil() {
		mv.Set(reflect.MakeMap(mv.Type()))
	}
	mv.SetMapIndex(reflect.ValueOf(key).Convert(mv.Type().Key()), ev)
	return nil
}

// decodeTuple decodes a JSON array into a tuple: each item into its
// position, the items after them into Rest. An item its position cannot hold
// is kept (see InvalidFields, keyed by index); so are the items after the
// positions when the tuple has no Rest, or when one of them does not fit
// Rest (then Rest stays empty and all of them are kept, in order).
func decodeTuple(data []byte, rv reflect.Value, info *typeInfo, kept *keptFields) error {
	var items []json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return &DecodeError{Err: fmt.Errorf("expected an array, got %s", te.Value)}
		}
		return &DecodeError{Err: err}
	}
	n := min(len(items), len(info.fields))
	for i, raw := range items[:n] {
		f := info.fields[i]
		if err := decodeField(raw, rv.Field(f.index), f.wrap); err != nil {
			kept.members = append(kept.members, rawMember{key: f.name, value: raw, known: true, err: err})
		}
	}
	more := items[n:]
	if len(more) == 0 {
		return nil
	}
	var err error = errors.New("the tuple has no more items")
	if info.rest >= 0 {
		rest := rv.Field(info.rest)
		out := reflect.MakeSlice(rest.Type(), len(more), len(more))
		kind := typeInfoOf(rest.Type().Elem()).kind
		err = nil
		for i, raw := range more {
			if err = atKey("["+strconv.Itoa(n+i)+"]", decodeField(raw, out.Index(i), kind)); err != nil {
				break
			}
		}
		if err == nil {
			rest.Set(out)
			return nil
		}
	}
	for i, raw := range more {
		kept.members = append(kept.members, rawMember{key: strconv.Itoa(n + i), value: raw, known: info.rest >= 0, err: err})
	}
	return nil
}

var errNull = errors.New("null is not allowed here")

// decodeField decodes one member into a field.
func decodeField(raw []byte, fv reflect.Value, wrap typeKind) error {
	null := isNull(raw)
	switch {
	case wrap == kindNullable:
		return decodeReflect(raw, fv)
	case null && !nilable(fv.Kind()):
		return errNull // kept, so that it is written back as null
	}
	return decodeReflect(raw, fv)
}

func nilable(k reflect.Kind) bool {
	switch k {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		return true
	}
	return false
}

// decodeReflect decodes data into rv, which must be settable. Wrappers, and
// slices and maps of them, are walked here; everything else goes to
// encoding/json, which calls the generated UnmarshalJSON of nested structs.
func decodeReflect(data []byte, rv reflect.Value) error {
	info := typeInfoOf(rv.Type())
	switch {
	case info.kind == kindOpt:
		if isNull(data) {
			return errNull
		}
		// Decode into a fresh value and keep it only on success, so that a
		// failure leaves nothing half-filled behind.
		v := reflect.New(rv.Field(0).Type()).Elem()
		if err := decodeReflect(data, v); err != nil {
			return err
		}
		rv.Field(0).Set(v)
		rv.Field(1).SetBool(true)
		return nil
	case info.kind == kindNullable:
		if isNull(data) {
			rv.SetZero()
			rv.Field(1).SetBool(true)
			rv.Field(2).SetBool(true)
			return nil
		}
		v := reflect.New(rv.Field(0).Type()).Elem()
		if err := decodeReflect(data, v); err != nil {
			return err
		}
		rv.Field(0).Set(v)
		rv.Field(1).SetBool(true)
		rv.Field(2).SetBool(false)
		return nil
	case info.walk && rv.Kind() == reflect.Slice:
		if isNull(data) {
			rv.SetZero()
			return nil
		}
		var items []json.RawMessage
		if err := json.Unmarshal(data, &items); err != nil {
			return err
		}
		out := reflect.MakeSlice(rv.Type(), len(items), len(items))
		for i, it := range items {
			if err := decodeReflect(it, out.Index(i)); err != nil {
				return atKey("["+strconv.Itoa(i)+"]", err)
			}
		}
		rv.Set(out)
		return nil
	case info.walk && rv.Kind() == reflect.Map && rv.Type().Key().Kind() == reflect.String:
		if isNull(data) {
			rv.SetZero()
			return nil
		}
		var members map[string]json.RawMessage
		if err := json.Unmarshal(data, &members); err != nil {
			return err
		}
		out := reflect.MakeMapWithSize(rv.Type(), len(members))
		for k, m := range members {
			ev := reflect.New(rv.Type().Elem()).Elem()
			if err := decodeReflect(m, ev); err != nil {
				return atKey(k, err)
			}
			out.SetMapIndex(reflect.ValueOf(k).Convert(rv.Type().Key()), ev)
		}
		rv.Set(out)
		return nil
	case info.walk && rv.Kind() == reflect.Pointer:
		if isNull(data) {
			rv.SetZero()
			return nil
		}
		p := reflect.New(rv.Type().Elem())
		if err := decodeReflect(data, p.Elem()); err != nil {
			return err
		}
		rv.Set(p)
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(rv.Addr().Interface()); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("unexpected data after the value")
	}
	return nil
}

func isNull(data []byte) bool { return string(bytes.TrimSpace(data)) == "null" }

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

// isPresent reports whether a field's value fv, of a type of kind wrap, is to
// be written: false only for an Opt that is not Set and a Nullable that is
// neither Set nor Null.
func isPresent(fv reflect.Value, wrap typeKind) bool {
	switch wrap {
	case kindOpt:
		return fv.Field(1).Bool()
	case kindNullable:
		return fv.Field(1).Bool() || fv.Field(2).Bool()
	}
	return true
}

// present reports whether v is to be sent: false only for an Opt that is not
// Set and a Nullable that is neither Set nor Null.
func present(v any) bool {
	rv := reflect.ValueOf(v)
	return isPresent(rv, typeInfoOf(rv.Type()).kind)
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
// the spec lists and reports whether it knew the key; the others are kept.
// A JSON null leaves everything untouched, as encoding/json does.
func decodeObject(data []byte, kept *keptFields, field func(key string, raw []byte) (bool, error)) error {
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
			kept.members = append(kept.members, rawMember{key: key, value: raw})
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

// decodeValue decodes one JSON value into dst, a pointer, with numbers in
// free-form values kept as json.Number, and refuses trailing data.
func decodeValue(data []byte, dst any) error {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return errors.New("decode JSON: the destination is not a non-nil pointer")
	}
	return decodeReflect(data, rv.Elem())
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
		if info := typeInfoOf(t); info.kind == kindStruct {
			if len(InvalidFields(v.Interface())) > 0 || !hasRequired(data, info) {
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
// info's struct requires; for a tuple, whether the JSON array data has every
// position that is not optional.
func hasRequired(data []byte, info *typeInfo) bool {
	if info.tuple {
		var items []json.RawMessage
		if json.Unmarshal(data, &items) != nil {
			return false
		}
		for i, f := range info.fields {
			if i >= len(items) && !f.optional {
				return false
			}
		}
		return true
	}
	var members map[string]json.RawMessage
	if json.Unmarshal(data, &members) != nil {
		return false
	}
	for _, f := range info.fields {
		if _, ok := members[f.name]; !ok && !f.optional {
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
