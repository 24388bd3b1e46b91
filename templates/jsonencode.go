package templates

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"
)

// Encoding appends to one buffer: each plan's encode function writes its
// value, with the names of struct fields pre-encoded in the plan. Encode
// functions are given the address of the value (marshalValue copies the
// top-level value once when it is not a pointer), so that types with pointer
// methods and the keptFields of a struct are reached without another copy,
// and fields are read at their offsets, as the decoder writes them (see
// jsondecode.go). Types written rarely go through reflect (encodeViaReflect).

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
	err     error
}

var encoders = sync.Pool{New: func() any { return &encoder{buf: make([]byte, 0, 1024)} }}

// pooledMax is the largest buffer an encoder goes back to the pool with.
// A larger output is handed to the caller as it is, with no copy; the next
// encoding of the same type starts from a buffer of its size (plan.size).
const pooledMax = 64 << 10

// marshalValue encodes v in full (request false) or as a request body.
func marshalValue(v any, request bool) ([]byte, error) {
	e := encoders.Get().(*encoder)
	e.request, e.err = request, nil
	var p *plan
	if t := reflect.TypeOf(v); t != nil {
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		p = planOf(t)
		if hint := int(p.size.Load()); hint > cap(e.buf) {
			e.buf = make([]byte, 0, hint+hint/8)
		}
	}
	e.buf = e.buf[:0]
	e.value(v)
	out, err := e.buf, e.err
	if p != nil && err == nil {
		if n := int64(len(out)); n > pooledMax && n > p.size.Load() || n < p.size.Load()/2 {
			p.size.Store(n)
		}
	}
	if cap(out) > pooledMax {
		e.buf = make([]byte, 0, 1024)
	} else {
		out = slices.Clone(out)
	}
	encoders.Put(e)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// marshalRequest encodes v as a request body: readOnly properties are left out.
func marshalRequest(v any) ([]byte, error) { return marshalValue(v, true) }

func (e *encoder) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

func (e *encoder) null() { e.buf = append(e.buf, "null"...) }

// raw appends already-encoded JSON after checking it, without white space.
func (e *encoder) raw(data []byte) {
	buf, err := appendCompact(e.buf, data)
	if err != nil {
		e.fail(fmt.Errorf("invalid raw JSON: %w", err))
		return
	}
	e.buf = buf
}

// value writes any Go value as JSON.
func (e *encoder) value(v any) {
	if v == nil {
		e.null()
		return
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			e.null()
			return
		}
		rv = rv.Elem() // addressable
	} else {
		rv = addressable(rv)
	}
	planOf(rv.Type()).encodeFrom(e, rv)
}

// encodeFrom calls p's encoder for v, an addressable value.
func (p *plan) encodeFrom(e *encoder, v reflect.Value) { p.encode(e, v.Addr().UnsafePointer()) }

// encodeViaReflect adapts an encoder that works through reflect to the
// address every plan is called with.
func encodeViaReflect(t reflect.Type, encode func(*encoder, reflect.Value)) func(*encoder, unsafe.Pointer) {
	return func(e *encoder, v unsafe.Pointer) { encode(e, valueAt(t, v)) }
}

// addressable returns v, or a copy of it that is addressable.
func addressable(v reflect.Value) reflect.Value {
	if v.CanAddr() {
		return v
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	return c
}

// encodeWrapped writes an Opt or a Nullable: its Value, or null. A struct's
// fields do the same without the call (see structEncoder).
func encodeWrapped(p *plan) func(*encoder, unsafe.Pointer) {
	return func(e *encoder, v unsafe.Pointer) {
		set, null := p.state(v)
		p.encodeIn(e, v, set, null)
	}
}

// state reads the Set and Null of an Opt or a Nullable at fv; any other
// value is set.
func (p *plan) state(fv unsafe.Pointer) (set, null bool) {
	switch p.kind {
	case planOpt:
		return *(*bool)(unsafe.Add(fv, p.offsets[1])), false
	case planNullable:
		return *(*bool)(unsafe.Add(fv, p.offsets[1])), *(*bool)(unsafe.Add(fv, p.offsets[2]))
	}
	return true, false
}

// present reports whether the field value at fv, of plan p, is to be
// written: false only for an Opt that is not Set and a Nullable that is
// neither Set nor Null.
func (p *plan) present(fv unsafe.Pointer) bool {
	set, null := p.state(fv)
	return set || null
}

// encodeIn writes the value at fv, whose state is set and null: an Opt or
// a Nullable as its Value or null, without a call through its own plan.
func (p *plan) encodeIn(e *encoder, fv unsafe.Pointer, set, null bool) {
	switch {
	case p.kind != planOpt && p.kind != planNullable:
		p.encode(e, fv)
	case null || !set:
		e.null()
	default:
		p.elem.encode(e, unsafe.Add(fv, p.offsets[0]))
	}
}

// structEncoder writes a generated struct: its fields in spec order, each
// optional one only when present, then the members of its patternProperties
// and additionalProperties maps (each sorted by key), then the members it
// kept from decoding. A field that is absent (for a required one: zero)
// while a value of its name is kept, one that did not fit it, has that
// value written back instead; a field set since wins over it.
func structEncoder(st *structPlan) func(*encoder, unsafe.Pointer) {
	return func(e *encoder, v unsafe.Pointer) {
		kept := (*keptFields)(unsafe.Add(v, st.keptOffset)).list()
		e.buf = append(e.buf, '{')
		first := true
		for i := range st.fields {
			f := &st.fields[i]
			if f.readOnly && e.request {
				continue
			}
			fv := unsafe.Add(v, f.offset)
			p := f.plan
			// An Opt or a Nullable is written here rather than through its
			// own plan: one call less per field, on the codec's hottest loop.
			set, null := p.state(fv)
			present := set || null
			if len(kept) > 0 && (!present || !f.optional && valueAt(p.typ, fv).IsZero()) {
				if raw, ok := keptValue(kept, f.name); ok {
					e.buf = append(e.buf, f.commaPrefix[skipComma(first):]...)
					first = false
					e.buf = append(e.buf, raw...)
					continue
				}
			}
			if f.optional && !present {
				continue
			}
			e.buf = append(e.buf, f.commaPrefix[skipComma(first):]...)
			first = false
			p.encodeIn(e, fv, set, null)
		}
		var written map[string]bool // members of the maps
		for _, i := range [2]int{st.pattern, st.extra} {
			if i >= 0 {
				written, first = st.mapMembers(e, v, i, written, first)
			}
		}
		for _, m := range kept {
			if m.known {
				if _, field := st.byName[m.key]; field {
					continue // written above, or readOnly in a request
				}
			}
			if written[m.key] {
				continue // set in a map since: the map wins
			}
			if !first {
				e.buf = append(e.buf, ',')
			}
			first = false
			e.buf = appendQuotedKept(e.buf, m.key)
			e.buf = append(e.buf, ':')
			e.buf = append(e.buf, m.value...)
		}
		e.buf = append(e.buf, '}')
	}
}

// skipComma is 1 for the first member of an object, whose prefix has no
// comma before it (see fieldPlan.commaPrefix).
func skipComma(first bool) int {
	if first {
		return 1
	}
	return 0
}

// keptValue finds the kept value of a field that could not hold it.
func keptValue(kept []rawMember, name string) ([]byte, bool) {
	for i := range kept {
		if kept[i].known && kept[i].key == name {
			return kept[i].value, true
		}
	}
	return nil, false
}

// mapMembers writes the members of a struct's patternProperties or
// additionalProperties map (field i), sorted by key. A key that is a
// property, or that the other map already holds, is an error: one member
// cannot be sent twice.
func (st *structPlan) mapMembers(e *encoder, v unsafe.Pointer, i int, written map[string]bool, first bool) (map[string]bool, bool) {
	mv := valueAt(st.typ, v).Field(i)
	if mv.Len() == 0 {
		return written, first
	}
	name := st.typ.Field(i).Name
	keys := sortedKeys(mv)
	if written == nil {
		written = map[string]bool{}
	}
	ep := planOf(mv.Type()).elem
	ev := reflect.New(mv.Type().Elem()).Elem()
	for _, k := range keys {
		key := k.String()
		if _, ok := st.byName[key]; ok {
			e.fail(fmt.Errorf("encode JSON: %s[%q] is a property of the object: set its field instead", name, key))
			return written, first
		}
		if written[key] {
			e.fail(fmt.Errorf("encode JSON: %s[%q]: the member is set in two maps", name, key))
			return written, first
		}
		written[key] = true
		if !first {
			e.buf = append(e.buf, ',')
		}
		first = false
		e.buf = appendQuoted(e.buf, key)
		e.buf = append(e.buf, ':')
		ev.Set(mv.MapIndex(k))
		ep.encodeFrom(e, ev)
	}
	return written, first
}

// tupleEncoder writes a tuple: its positions in order up to the first absent
// optional one, then Rest, then the items kept from decoding. A position set
// after an absent one cannot be written (an array has no holes): an error.
func tupleEncoder(st *structPlan) func(*encoder, reflect.Value) {
	return func(e *encoder, v reflect.Value) {
		kept := keptOf(v, st.kept).list()
		e.buf = append(e.buf, '[')
		n := 0
		sep := func() {
			if n > 0 {
				e.buf = append(e.buf, ',')
			}
			n++
		}
		gap := -1 // the first absent position
		for i := range st.fields {
			f := &st.fields[i]
			fv := v.Field(f.index)
			present := f.plan.present(fv.Addr().UnsafePointer())
			if raw, ok := keptValue(kept, f.name); ok && (!present || !f.optional && fv.IsZero()) {
				if gap >= 0 {
					e.fail(fmt.Errorf("encode JSON: tuple position %d is present but position %d is not", i, gap))
					return
				}
				sep()
				e.buf = append(e.buf, raw...)
				continue
			}
			if f.optional && !present {
				if gap < 0 {
					gap = i
				}
				continue
			}
			if gap >= 0 {
				e.fail(fmt.Errorf("encode JSON: tuple position %d is set but position %d is not", i, gap))
				return
			}
			sep()
			f.plan.encodeFrom(e, fv)
		}
		rest := 0
		if st.rest >= 0 {
			rest = v.Field(st.rest).Len()
		}
		more := rest
		for _, m := range kept {
			if _, field := st.byName[m.key]; !field {
				more++
			}
		}
		if more > 0 && gap >= 0 {
			e.fail(fmt.Errorf("encode JSON: the tuple has items after position %d, which is not set", gap))
			return
		}
		if rest > 0 {
			rv := v.Field(st.rest)
			ep := planOf(rv.Type()).elem
			for i := 0; i < rest; i++ {
				sep()
				ep.encodeFrom(e, rv.Index(i))
			}
		}
		for _, m := range kept {
			if _, field := st.byName[m.key]; field {
				continue
			}
			sep()
			e.buf = append(e.buf, m.value...)
		}
		e.buf = append(e.buf, ']')
	}
}

func encodeString(e *encoder, v unsafe.Pointer) { e.buf = appendQuoted(e.buf, *(*string)(v)) }

func encodeBool(e *encoder, v unsafe.Pointer) { e.buf = strconv.AppendBool(e.buf, *(*bool)(v)) }

// encodeInt returns the encoder of a signed integer of bits bits.
func encodeInt(bits int) func(*encoder, unsafe.Pointer) {
	return func(e *encoder, v unsafe.Pointer) {
		var n int64
		switch bits {
		case 8:
			n = int64(*(*int8)(v))
		case 16:
			n = int64(*(*int16)(v))
		case 32:
			n = int64(*(*int32)(v))
		default:
			n = *(*int64)(v)
		}
		e.buf = strconv.AppendInt(e.buf, n, 10)
	}
}

// encodeUint returns the encoder of an unsigned integer of bits bits.
func encodeUint(bits int) func(*encoder, unsafe.Pointer) {
	return func(e *encoder, v unsafe.Pointer) {
		var n uint64
		switch bits {
		case 8:
			n = uint64(*(*uint8)(v))
		case 16:
			n = uint64(*(*uint16)(v))
		case 32:
			n = uint64(*(*uint32)(v))
		default:
			n = *(*uint64)(v)
		}
		e.buf = strconv.AppendUint(e.buf, n, 10)
	}
}

func encodeFloat64(e *encoder, v unsafe.Pointer) { e.float(*(*float64)(v), 64) }

func encodeFloat32(e *encoder, v unsafe.Pointer) { e.float(float64(*(*float32)(v)), 32) }

func (e *encoder) float(f float64, bits int) {
	var err error
	e.buf, err = appendFloat(e.buf, f, bits)
	if err != nil {
		e.fail(err)
	}
}

// isFinite reports whether f can be written as JSON.
func isFinite(f float64) bool { return !math.IsInf(f, 0) && !math.IsNaN(f) }

// appendFloat writes f as encoding/json does: the shortest text that reads
// back as the same float of that many bits, in exponent form only for very
// large and very small magnitudes.
func appendFloat(buf []byte, f float64, bits int) ([]byte, error) {
	if !isFinite(f) {
		return buf, fmt.Errorf("encode JSON: unsupported value %v", f)
	}
	format := byte('f')
	if a := math.Abs(f); a != 0 {
		if bits == 64 && (a < 1e-6 || a >= 1e21) || bits == 32 && (float32(a) < 1e-6 || float32(a) >= 1e21) {
			format = 'e'
		}
	}
	buf = strconv.AppendFloat(buf, f, format, -1, bits)
	if format == 'e' {
		// 1e-07 is written 1e-7, as JavaScript does.
		if n := len(buf); n >= 4 && buf[n-4] == 'e' && buf[n-3] == '-' && buf[n-2] == '0' {
			buf[n-2] = buf[n-1]
			buf = buf[:n-1]
		}
	}
	return buf, nil
}

func encodeNumber(e *encoder, v unsafe.Pointer) { e.number(string(*(*json.Number)(v))) }

// number writes a json.Number, after checking it is a JSON number; the
// empty one is 0, as in encoding/json.
func (e *encoder) number(n string) {
	if n == "" {
		n = "0"
	}
	start := len(e.buf)
	e.buf = append(e.buf, n...)
	s := scanner{data: e.buf, i: start}
	if _, err := s.number(); err != nil || s.i != len(e.buf) {
		e.buf = e.buf[:start]
		e.fail(fmt.Errorf("encode JSON: invalid number literal %q", n))
	}
}

func encodeRawMessage(e *encoder, v unsafe.Pointer) {
	if raw := *(*json.RawMessage)(v); raw != nil {
		e.raw(raw)
	} else {
		e.null()
	}
}

func encodeTime(e *encoder, v unsafe.Pointer) {
	t := (*time.Time)(v)
	e.buf = append(e.buf, '"')
	buf, err := t.AppendText(e.buf)
	if err != nil {
		e.fail(fmt.Errorf("encode JSON: %w", err))
		return
	}
	e.buf = append(buf, '"')
}

func encodeDate(e *encoder, v unsafe.Pointer) {
	d := (*Date)(v)
	e.buf = append(e.buf, '"')
	e.buf = appendDigits(e.buf, d.Year, 4)
	e.buf = append(e.buf, '-')
	e.buf = appendDigits(e.buf, int(d.Month), 2)
	e.buf = append(e.buf, '-')
	e.buf = appendDigits(e.buf, d.Day, 2)
	e.buf = append(e.buf, '"')
}

// appendDigits writes n with at least width digits, as %0*d does.
func appendDigits(buf []byte, n, width int) []byte {
	if n < 0 {
		buf = append(buf, '-')
		n = -n
	}
	var tmp [20]byte
	i := len(tmp)
	for n > 0 || len(tmp)-i < width {
		i--
		tmp[i] = byte('0' + n%10)
		n /= 10
	}
	return append(buf, tmp[i:]...)
}

func encodeBytes(e *encoder, v unsafe.Pointer) {
	b := *(*[]byte)(v)
	if b == nil {
		e.null()
		return
	}
	e.buf = append(e.buf, '"')
	e.buf = base64.StdEncoding.AppendEncode(e.buf, b)
	e.buf = append(e.buf, '"')
}

func encodeEncodable(e *encoder, v reflect.Value) {
	v.Addr().Interface().(jsonEncodable).encodeJSON(e) // a pointer: no copy
}

// encodeMarshaler writes a value of a type with its own MarshalJSON.
func encodeMarshaler(e *encoder, v reflect.Value) {
	m, ok := v.Interface().(json.Marshaler)
	if !ok {
		m, ok = v.Addr().Interface().(json.Marshaler)
	}
	if !ok {
		e.marshal(v)
		return
	}
	data, err := m.MarshalJSON()
	if err != nil {
		e.fail(err)
		return
	}
	e.raw(data)
}

// encodeUnsupported leaves a type the codec has no plan for (one with its
// own MarshalText among them) to encoding/json.
func encodeUnsupported(e *encoder, v reflect.Value) { e.marshal(v) }

// marshal hands v to encoding/json.
func (e *encoder) marshal(v reflect.Value) {
	if !v.CanInterface() {
		e.fail(fmt.Errorf("cannot encode a %s held in an unexported field", v.Type()))
		return
	}
	data, err := json.Marshal(v.Interface())
	if err != nil {
		e.fail(err)
		return
	}
	e.buf = append(e.buf, data...)
}

// encodeInterface writes the value an interface holds, by its own plan.
// The free-form values the decoder makes are written without a plan lookup.
func encodeInterface(e *encoder, v reflect.Value) {
	if v.IsNil() {
		e.null()
		return
	}
	e.anyValue(v.Interface())
}

// anyValue writes a value held in an interface. The free-form values the
// decoder makes are written without a plan lookup or a copy.
func (e *encoder) anyValue(x any) {
	switch x := x.(type) {
	case nil:
		e.null()
	case string:
		e.buf = appendQuoted(e.buf, x)
	case json.Number:
		e.number(string(x))
	case bool:
		e.buf = strconv.AppendBool(e.buf, x)
	case float64:
		var err error
		if e.buf, err = appendFloat(e.buf, x, 64); err != nil {
			e.fail(err)
		}
	case map[string]any:
		e.anyMap(x)
	case []any:
		if x == nil {
			e.null()
			return
		}
		e.buf = append(e.buf, '[')
		for i, it := range x {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.anyValue(it)
		}
		e.buf = append(e.buf, ']')
	default:
		e.value(x)
	}
}

func (e *encoder) anyMap(m map[string]any) {
	if m == nil {
		e.null()
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	e.buf = append(e.buf, '{')
	for i, k := range keys {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.buf = appendQuoted(e.buf, k)
		e.buf = append(e.buf, ':')
		e.anyValue(m[k])
	}
	e.buf = append(e.buf, '}')
}

func encodePointer(p *plan) func(*encoder, unsafe.Pointer) {
	return func(e *encoder, v unsafe.Pointer) {
		if x := *(*unsafe.Pointer)(v); x != nil {
			p.elem.encode(e, x)
		} else {
			e.null()
		}
	}
}

// encodeSlice writes a slice's items from its backing array, one element
// size apart.
func encodeSlice(p *plan) func(*encoder, unsafe.Pointer) {
	return func(e *encoder, v unsafe.Pointer) {
		h := sliceHeader(v)
		if *h == nil {
			e.null()
			return
		}
		encodeItems(e, p.elem, unsafe.Pointer(unsafe.SliceData(*h)), len(*h))
	}
}

func encodeArray(p *plan) func(*encoder, unsafe.Pointer) {
	n := p.typ.Len()
	return func(e *encoder, v unsafe.Pointer) { encodeItems(e, p.elem, v, n) }
}

// encodeItems writes the n values of plan p that start at items.
func encodeItems(e *encoder, p *plan, items unsafe.Pointer, n int) {
	size := p.typ.Size()
	e.buf = append(e.buf, '[')
	for i := range n {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		p.encode(e, unsafe.Add(items, uintptr(i)*size))
		if e.err != nil {
			return
		}
	}
	e.buf = append(e.buf, ']')
}

func encodeMap(p *plan) func(*encoder, reflect.Value) {
	return func(e *encoder, v reflect.Value) {
		if v.IsNil() {
			e.null()
			return
		}
		if m, ok := v.Interface().(map[string]any); ok && v.CanInterface() {
			e.anyMap(m)
			return
		}
		keys := sortedKeys(v)
		ev := reflect.New(v.Type().Elem()).Elem()
		e.buf = append(e.buf, '{')
		for i, k := range keys {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.buf = appendQuoted(e.buf, k.String())
			e.buf = append(e.buf, ':')
			ev.Set(v.MapIndex(k))
			p.elem.encodeFrom(e, ev)
		}
		e.buf = append(e.buf, '}')
	}
}

func sortedKeys(m reflect.Value) []reflect.Value {
	keys := m.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int {
		if a.String() < b.String() {
			return -1
		}
		if a.String() > b.String() {
			return 1
		}
		return 0
	})
	return keys
}

// appendQuoted appends s as a JSON string. Invalid UTF-8 becomes U+FFFD, as in
// encoding/json; <, > and & are kept as they are, so text round-trips
// unchanged. Runs of bytes that need no escape are appended whole.
func appendQuoted(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only, for plainRun
	for i := 0; i < len(s); {
		i += plainRun(b[i:]) // eight plain bytes at a time, as the scanner reads them
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if plainASCII[c] {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			buf = appendEscape(buf, c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			// Valid JSON, but escaped so the output is also valid JavaScript.
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

// plainASCII tells the ASCII bytes a JSON string holds as they are.
var plainASCII = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// appendQuotedKept appends the name of a kept member: as appendQuoted, but
// bytes that are not UTF-8 are written as they came, so that a member kept
// because of them is written back unchanged.
func appendQuotedKept(buf []byte, s string) []byte {
	if utf8.ValidString(s) {
		return appendQuoted(buf, s)
	}
	buf = append(buf, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' {
			buf = appendEscape(buf, c)
		} else {
			buf = append(buf, c)
		}
	}
	return append(buf, '"')
}

const hexDigits = "0123456789abcdef"

func appendEscape(buf []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(buf, '\\', c)
	case '\n':
		return append(buf, '\\', 'n')
	case '\r':
		return append(buf, '\\', 'r')
	case '\t':
		return append(buf, '\\', 't')
	}
	return append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
}
