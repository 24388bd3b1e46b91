package templates

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"time"
	"unsafe"
)

// Decoding is one pass over the bytes: each plan's decode function reads the
// value at the scanner's position straight into the Go value, and returns
// one of two kinds of error:
//   - a *syntaxError: the input is not JSON, and the whole document fails;
//   - any other error: the value is JSON but does not fit the Go type (a
//     string where a number belongs, null where the spec allows none). The
//     nearest enclosing generated struct catches it, rewinds to the start of
//     the member, skips it and keeps its bytes (see keptFields); the field
//     stays absent. Containers in between (slices, maps, Opt) pass it up, so
//     a list with one bad item is kept whole rather than changed.
//
// A decode function is given the address of the value to fill, which is
// always the zero value of its type: decodeDocument zeroes the caller's
// value once, a struct's fields are zero when it is, and a container clears
// an element it reuses. The address saves reflect's bookkeeping on every
// value (reflect.Value.Field and its Set methods were a third of the time);
// the offsets it is moved by are reflect's own, read from the type when its
// plan is built. Types the decoder reads rarely (maps, arrays, tuples, a
// type's own UnmarshalJSON) are still filled through reflect, from the
// address (valueAt).

var (
	errNull        = errors.New("null is not allowed here")
	errInvalidText = errors.New("the string is not valid UTF-8 (or holds an unpaired surrogate escape): kept as it came")
)

// open consumes c, the '{' or '[' that starts the object or array a decoder
// wants, or returns the mismatch for another value.
func (s *scanner) open(c byte, want string) error {
	if s.peek() != c {
		return mismatch(s, want)
	}
	s.i++
	return s.enter()
}

// mismatch is the error for a value of the wrong JSON kind.
func mismatch(s *scanner, want string) error {
	switch c := s.peek(); {
	case c == 'n':
		return errNull
	case c == '{' || c == '[' || c == '"' || c == 't' || c == 'f' || c == '-' || isDigit(c):
		return fmt.Errorf("expected %s, got %s", want, s.describe())
	}
	return s.unexpected(" looking for beginning of value")
}

func isSyntax(err error) bool {
	var se *syntaxError
	return errors.As(err, &se)
}

// decodeWrapped decodes an Opt or a Nullable (an item of a list, a value
// of a map): see decodeField, which struct fields call directly.
func decodeWrapped(p *plan) func(*scanner, unsafe.Pointer) error {
	return func(s *scanner, v unsafe.Pointer) error { return decodeField(s, p, v) }
}

// valueAt is the value of type t at v, for the decoders that work through
// reflect.
func valueAt(t reflect.Type, v unsafe.Pointer) reflect.Value { return reflect.NewAt(t, v).Elem() }

// viaReflect adapts a decoder that works through reflect to the address
// every plan is called with.
func viaReflect(t reflect.Type, decode func(*scanner, reflect.Value) error) func(*scanner, unsafe.Pointer) error {
	return func(s *scanner, v unsafe.Pointer) error { return decode(s, valueAt(t, v)) }
}

// decodeInto calls p's decoder for v, an addressable value.
func (p *plan) decodeInto(s *scanner, v reflect.Value) error {
	return p.decode(s, v.Addr().UnsafePointer())
}

// keptOf returns the keptFields of v, an addressable generated struct. The
// field is unexported, which reflect will not set; its address is turned
// into a *keptFields, the type it has.
func keptOf(v reflect.Value, i int) *keptFields {
	return (*keptFields)(v.Field(i).Addr().UnsafePointer())
}

// zero clears the value of type t at v: a member met twice, or one that did
// not fit after part of it was written.
func zero(t reflect.Type, v unsafe.Pointer) { valueAt(t, v).SetZero() }

// structDecoder decodes a JSON object into a generated struct: each member
// into its field, the members matching a pattern or additional ones into
// their maps, the rest kept. A member whose value does not fit is kept and
// its field left absent. A member that appears twice counts once, the last
// time, as encoding/json reads it: what is read is what is written back.
func structDecoder(st *structPlan) func(*scanner, unsafe.Pointer) error {
	return func(s *scanner, v unsafe.Pointer) error {
		if err := s.open('{', "an object"); err != nil {
			return err
		}
		names := keptNames{kept: (*keptFields)(unsafe.Add(v, st.keptOffset))}
		var seen [4]uint64 // the fields set so far, to tell a duplicate
		var seenMore map[int]bool
		last := -1 // the field of the last member
		for first := true; ; first = false {
			more, err := s.more('}', first)
			if err != nil {
				return err
			}
			if !more {
				break
			}
			// Members mostly come in the order of the fields: when the
			// input holds the next field's name and colon exactly as the
			// plan encodes them, the name is read by one comparison,
			// without scanning it as a string and looking it up.
			i := last + 1
			if i >= len(st.fields) || !s.skipPrefix(st.fields[i].prefix) {
				key, _, err := s.key()
				if err != nil {
					return err
				}
				if i = st.field(key, last); i < 0 {
					if err := st.member(s, v, &names, string(key)); err != nil {
						return err
					}
					continue
				}
			}
			last = i
			f := &st.fields[i]
			if i < 256 {
				if seen[i/64]&(1<<(i%64)) != 0 {
					st.forget(v, &names, f)
				}
				seen[i/64] |= 1 << (i % 64)
			} else {
				if seenMore[i] {
					st.forget(v, &names, f)
				}
				if seenMore == nil {
					seenMore = map[int]bool{}
				}
				seenMore[i] = true
			}
			start, depth := s.i, s.depth
			fv := unsafe.Add(v, f.offset)
			if err := decodeField(s, f.plan, fv); err != nil {
				if err := keepInvalid(s, &names, f.name, start, depth, f.plan.typ, fv, err); err != nil {
					return err
				}
			}
		}
		names.compact()
		s.leave()
		return nil
	}
}

// decodeField decodes a field's value into fv. An Opt or a Nullable, most
// fields, is decoded here rather than through its own plan: one call less
// per member on the decoder's hottest loop. An Opt cannot say null, which
// does not fit it; a Nullable's null is Set and Null with Value zero, as it
// already is.
func decodeField(s *scanner, p *plan, fv unsafe.Pointer) error {
	switch p.kind {
	case planOpt:
		if s.peek() == 'n' {
			return errNull
		}
		if err := p.elem.decode(s, unsafe.Add(fv, p.offsets[0])); err != nil {
			return err
		}
		*(*bool)(unsafe.Add(fv, p.offsets[1])) = true
		return nil
	case planNullable:
		if s.peek() == 'n' {
			if err := s.literal("null"); err != nil {
				return err
			}
			*(*bool)(unsafe.Add(fv, p.offsets[2])) = true
		} else if err := p.elem.decode(s, unsafe.Add(fv, p.offsets[0])); err != nil {
			return err
		}
		*(*bool)(unsafe.Add(fv, p.offsets[1])) = true
		return nil
	}
	return p.decode(s, fv)
}

// keptNames is the keptFields of a struct being decoded, and finds its
// members by name, for a name that comes twice: the later member replaces
// the earlier one. An object keeps few members, searched in a loop; one that
// keeps many (a hostile body of 100,000 unknown names) gets an index, and a
// replaced member is marked (its value nil) and dropped at the end of the
// object, so that each member costs the same however many there are.
type keptNames struct {
	kept *keptFields

	index   map[string]int // name → position in kept.members, once there are many
	dropped bool
}

const keptLinear = 16

// drop removes the members named key, if any.
func (n *keptNames) drop(key string) {
	members := n.kept.list()
	if len(members) == 0 {
		return
	}
	if n.index == nil && len(members) <= keptLinear {
		n.kept.remove(key)
		return
	}
	if n.index == nil {
		n.index = make(map[string]int, 2*len(members))
		for i, m := range members {
			n.index[m.key] = i
		}
	}
	if i, ok := n.index[key]; ok {
		members[i].value = nil
		delete(n.index, key)
		n.dropped = true
	}
}

// add keeps m.
func (n *keptNames) add(m rawMember) {
	if n.index != nil {
		n.index[m.key] = len(n.kept.list())
	}
	n.kept.add(m)
}

// compact removes the members drop marked.
func (n *keptNames) compact() {
	if n.dropped {
		*n.kept.members = slices.DeleteFunc(*n.kept.members, func(m rawMember) bool { return m.value == nil })
	}
}

// forget undoes an earlier occurrence of f's member, for a duplicate.
func (st *structPlan) forget(v unsafe.Pointer, names *keptNames, f *fieldPlan) {
	zero(f.plan.typ, unsafe.Add(v, f.offset))
	names.drop(f.name)
}

// keepInvalid handles err, from decoding the value of type t that starts at
// start into fv: a syntax error is passed up; a value that does not fit is
// skipped from its start and kept, and fv left zero.
func keepInvalid(s *scanner, names *keptNames, name string, start, depth int, t reflect.Type, fv unsafe.Pointer, err error) error {
	if isSyntax(err) {
		return atKey(name, err)
	}
	zero(t, fv)
	s.i, s.depth = start, depth
	s.peek()
	from := s.i
	if serr := s.skipValue(); serr != nil {
		return atKey(name, serr)
	}
	names.add(rawMember{key: name, value: keepBytes(s.data[from:s.i]), known: true, err: err})
	return nil
}

// keepBytes copies a value's bytes for keeping, without white space.
func keepBytes(b []byte) json.RawMessage {
	return appendCompacted(make([]byte, 0, len(b)), b)
}

// member handles a member that is not a property: into the pattern map when
// its name matches, else into the additional-properties map, else kept.
func (st *structPlan) member(s *scanner, v unsafe.Pointer, names *keptNames, key string) error {
	names.drop(key) // a name that comes again: the last one counts
	m, mp := st.extra, st.extraPlan
	if st.pattern >= 0 && st.re.MatchString(key) {
		m, mp = st.pattern, st.patternPlan
	}
	if m < 0 {
		s.peek()
		start := s.i
		if err := s.skipValue(); err != nil {
			return atKey(key, err)
		}
		names.add(rawMember{key: key, value: keepBytes(s.data[start:s.i])})
		return nil
	}
	mv := valueAt(st.typ, v).Field(m)
	if mv.IsNil() {
		mv.Set(reflect.MakeMap(mv.Type()))
	}
	ev := reflect.New(mv.Type().Elem()).Elem()
	kv := reflect.New(mv.Type().Key()).Elem()
	kv.SetString(key)
	start, depth := s.i, s.depth
	var err error
	if s.peek() == 'n' && !mp.elem.takesNull {
		err = errNull
	} else {
		err = mp.elem.decodeInto(s, ev)
	}
	if err != nil {
		mv.SetMapIndex(kv, reflect.Value{}) // a duplicate: the last one counts
		return keepInvalid(s, names, key, start, depth, ev.Type(), ev.Addr().UnsafePointer(), err)
	}
	mv.SetMapIndex(kv, ev)
	return nil
}

// tupleDecoder decodes a JSON array into a tuple: each item into its
// position, the items after them into Rest. An item its position cannot
// hold is kept (see InvalidFields, keyed by index); so are the items after
// the positions when the tuple has no Rest, or when one of them does not fit
// Rest (then Rest stays empty and all of them are kept, in order).
func tupleDecoder(st *structPlan) func(*scanner, reflect.Value) error {
	return func(s *scanner, v reflect.Value) error {
		if err := s.open('[', "an array"); err != nil {
			return err
		}
		v.SetZero()
		names := keptNames{kept: keptOf(v, st.kept)}
		n := 0
		type span struct{ start, end int }
		var extra []span // items after the positions
		for first := true; ; first = false {
			more, err := s.more(']', first)
			if err != nil {
				return err
			}
			if !more {
				break
			}
			if n < len(st.fields) {
				f := &st.fields[n]
				start, depth := s.i, s.depth
				fv := v.Field(f.index).Addr().UnsafePointer()
				if err := f.plan.decode(s, fv); err != nil {
					if err := keepInvalid(s, &names, f.name, start, depth, f.plan.typ, fv, err); err != nil {
						return err
					}
				}
			} else {
				s.peek()
				start := s.i
				if err := s.skipValue(); err != nil {
					return atKey("["+strconv.Itoa(n)+"]", err)
				}
				extra = append(extra, span{start, s.i})
			}
			n++
		}
		s.leave()
		if len(extra) == 0 {
			return nil
		}
		var err error = errors.New("the tuple has no more items")
		if st.rest >= 0 {
			// The items after the positions go into Rest only when all of
			// them fit: they are read again from their bytes, which were
			// checked above.
			rest := v.Field(st.rest)
			ep := st.restPlan.elem
			out := reflect.MakeSlice(rest.Type(), len(extra), len(extra))
			err = nil
			for i, sp := range extra {
				sub := scanner{data: s.data[:sp.end], i: sp.start}
				if err = ep.decodeInto(&sub, out.Index(i)); err != nil {
					err = atKey("["+strconv.Itoa(len(st.fields)+i)+"]", err)
					break
				}
			}
			if err == nil {
				rest.Set(out)
				return nil
			}
		}
		for i, sp := range extra {
			names.add(rawMember{key: strconv.Itoa(len(st.fields) + i), value: keepBytes(s.data[sp.start:sp.end]), known: st.rest >= 0, err: err})
		}
		return nil
	}
}

func decodeString(s *scanner, v unsafe.Pointer) error {
	if s.peek() != '"' {
		return mismatch(s, "a string")
	}
	b, fl, err := s.str()
	if err != nil {
		return err
	}
	if fl&strInvalid != 0 {
		return errInvalidText
	}
	*(*string)(v) = s.text(b)
	return nil
}

func decodeBool(s *scanner, v unsafe.Pointer) error {
	switch s.peek() {
	case 't':
		if err := s.literal("true"); err != nil {
			return err
		}
		*(*bool)(v) = true
		return nil
	case 'f':
		return s.literal("false")
	}
	return mismatch(s, "a boolean")
}

// numberText reads a number, or returns a mismatch for another kind of value.
func numberText(s *scanner) ([]byte, error) {
	if c := s.peek(); c != '-' && !isDigit(c) {
		return nil, mismatch(s, "a number")
	}
	return s.number()
}

// decodeInt returns the decoder of a signed integer of bits bits.
func decodeInt(bits int) func(*scanner, unsafe.Pointer) error {
	limit := int64(1) << (bits - 1) // as -limit ≤ n < limit, but for 64 bits parseInt checks
	return func(s *scanner, v unsafe.Pointer) error {
		b, err := numberText(s)
		if err != nil {
			return err
		}
		n, ok := parseInt(b)
		if !ok || bits < 64 && (n < -limit || n >= limit) {
			return fmt.Errorf("the number %s is not an integer of %d bits", b, bits)
		}
		switch bits {
		case 8:
			*(*int8)(v) = int8(n)
		case 16:
			*(*int16)(v) = int16(n)
		case 32:
			*(*int32)(v) = int32(n)
		default:
			*(*int64)(v) = n
		}
		return nil
	}
}

// parseInt parses an integer literal; a fraction or exponent ("1.0", "1e3")
// is not one, as in encoding/json.
func parseInt(b []byte) (int64, bool) {
	neg := len(b) > 0 && b[0] == '-'
	digits := b
	if neg {
		digits = b[1:]
	}
	if len(digits) == 0 || len(digits) > 18 {
		n, err := strconv.ParseInt(view(b), 10, 64)
		return n, err == nil
	}
	var n int64
	for _, c := range digits {
		if !isDigit(c) {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// decodeUint returns the decoder of an unsigned integer of bits bits.
func decodeUint(bits int) func(*scanner, unsafe.Pointer) error {
	return func(s *scanner, v unsafe.Pointer) error {
		b, err := numberText(s)
		if err != nil {
			return err
		}
		n, perr := strconv.ParseUint(view(b), 10, bits)
		if perr != nil {
			return fmt.Errorf("the number %s is not an unsigned integer of %d bits", b, bits)
		}
		switch bits {
		case 8:
			*(*uint8)(v) = uint8(n)
		case 16:
			*(*uint16)(v) = uint16(n)
		case 32:
			*(*uint32)(v) = uint32(n)
		default:
			*(*uint64)(v) = n
		}
		return nil
	}
}

func decodeFloat64(s *scanner, v unsafe.Pointer) error {
	b, err := numberText(s)
	if err != nil {
		return err
	}
	f, perr := strconv.ParseFloat(view(b), 64)
	if perr != nil {
		return fmt.Errorf("the number %s does not fit a 64-bit float", b)
	}
	*(*float64)(v) = f
	return nil
}

func decodeFloat32(s *scanner, v unsafe.Pointer) error {
	b, err := numberText(s)
	if err != nil {
		return err
	}
	f, ok := float32Exact(view(b))
	if !ok {
		return fmt.Errorf("the number %s does not fit a 32-bit float without rounding", b)
	}
	*(*float32)(v) = f
	return nil
}

// float32Exact parses text as a float32 only when nothing is rounded away:
// what the float32 writes back (its shortest text) must read as the same
// number as text does in a float64, the rule a float64 field keeps
// (0.1 fits; 0.00743999984115362, which a float32 writes as 0.00744, and
// 16777217, which it holds as 16777216, do not). A value that does not fit
// is an error, so that a struct keeps it raw rather than rounded.
func float32Exact(text string) (float32, bool) {
	f64, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return 0, false
	}
	f := float32(f64)
	if math.IsInf(float64(f), 0) {
		return 0, false
	}
	back, err := strconv.ParseFloat(strconv.FormatFloat(float64(f), 'g', -1, 32), 64)
	return f, err == nil && back == f64
}

func decodeNumber(s *scanner, v unsafe.Pointer) error {
	b, err := numberText(s)
	if err != nil {
		return err
	}
	*(*json.Number)(v) = json.Number(b)
	return nil
}

func decodeRawMessage(s *scanner, v unsafe.Pointer) error {
	s.peek()
	start := s.i
	if err := s.skipValue(); err != nil {
		return err
	}
	*(*json.RawMessage)(v) = keepBytes(s.data[start:s.i])
	return nil
}

// decodeTime reads an RFC 3339 date-time, as time.Time's UnmarshalJSON does.
func decodeTime(s *scanner, v unsafe.Pointer) error {
	if s.peek() != '"' {
		return mismatch(s, "a date-time string")
	}
	start := s.i
	if _, _, err := s.str(); err != nil {
		return err
	}
	return (*time.Time)(v).UnmarshalJSON(s.data[start:s.i])
}

func decodeDate(s *scanner, v unsafe.Pointer) error {
	if s.peek() != '"' {
		return mismatch(s, "a date string")
	}
	b, _, err := s.str()
	if err != nil {
		return err
	}
	return (*Date)(v).UnmarshalText(b)
}

// decodeBytes reads format: byte, standard base64, into any []byte type.
// Only the canonical spelling decodes (padding, no line breaks, zero padding
// bits): another spelling of the same bytes would be written back
// differently, so it is kept as it came instead (see InvalidFields).
func decodeBytes(s *scanner, v unsafe.Pointer) error {
	if s.peek() != '"' {
		if s.peek() == 'n' {
			return s.literal("null")
		}
		return mismatch(s, "a base64 string")
	}
	b, _, err := s.str()
	if err != nil {
		return err
	}
	out := make([]byte, base64.StdEncoding.DecodedLen(len(b)))
	n, derr := base64.StdEncoding.Strict().Decode(out, b)
	if derr != nil || base64.StdEncoding.EncodedLen(n) != len(b) {
		return errors.New("not canonical standard base64")
	}
	*(*[]byte)(v) = out[:n]
	return nil
}

// decodeUnmarshaler hands the value's bytes to the type's UnmarshalJSON: a
// generated union, which keeps them (compacted, as every kept value is), or
// a type of the caller's.
func decodeUnmarshaler(s *scanner, v reflect.Value) error {
	s.peek()
	start := s.i
	if err := s.skipValue(); err != nil {
		return err
	}
	raw := s.data[start:s.i]
	if u, ok := v.Addr().Interface().(json.Unmarshaler); ok {
		s.scratch = appendCompacted(s.scratch[:0], raw)
		return u.UnmarshalJSON(s.scratch)
	}
	return unmarshalStd(raw, v)
}

func decodeTextUnmarshaler(s *scanner, v reflect.Value) error {
	if s.peek() != '"' {
		return mismatch(s, "a string")
	}
	b, fl, err := s.str()
	if err != nil {
		return err
	}
	if fl&strInvalid != 0 {
		return errInvalidText
	}
	return v.Addr().Interface().(interface{ UnmarshalText([]byte) error }).UnmarshalText(b)
}

// decodeUnsupported leaves a type the codec has no plan for to encoding/json.
func decodeUnsupported(s *scanner, v reflect.Value) error {
	s.peek()
	start := s.i
	if err := s.skipValue(); err != nil {
		return err
	}
	return unmarshalStd(s.data[start:s.i], v)
}

// unmarshalStd decodes data into v with encoding/json, numbers in free-form
// values as json.Number.
func unmarshalStd(data []byte, v reflect.Value) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(v.Addr().Interface())
}

// decodePointer: null is a nil pointer, anything else a new value.
func decodePointer(p *plan) func(*scanner, unsafe.Pointer) error {
	return func(s *scanner, v unsafe.Pointer) error {
		if s.peek() == 'n' {
			return s.literal("null")
		}
		x := reflect.New(p.elem.typ).UnsafePointer()
		if err := p.elem.decode(s, x); err != nil {
			return err
		}
		*(*unsafe.Pointer)(v) = x
		return nil
	}
}

// decodeSlice decodes an array. null is a nil slice; an item that does not
// fit (null where the items cannot be null among them) fails the whole
// array, which its struct then keeps as it came. Items are written at their
// address in the backing array, the slice's length set once at the end;
// the backing array is reallocated to the size grow says.
func decodeSlice(p *plan) func(*scanner, unsafe.Pointer) error {
	size := p.elem.typ.Size()
	return func(s *scanner, v unsafe.Pointer) error {
		if s.peek() == 'n' {
			return s.literal("null")
		}
		if err := s.open('[', "an array"); err != nil {
			return err
		}
		h := sliceHeader(v)
		n, capacity := 0, cap(*h)
		reused := capacity
		items := unsafe.Pointer(unsafe.SliceData(*h))
		start := s.i
		for first := true; ; first = false {
			more, err := s.more(']', first)
			if err != nil {
				return err
			}
			if !more {
				break
			}
			if n == capacity {
				sv := valueAt(p.typ, v)
				sv.SetLen(n)
				if more := s.grow(n, start, size); more >= n {
					sv.Grow(more) // exactly, append's rule when it at least doubles
				} else {
					// Fewer than the items so far: append's rule would
					// round the count up by as much as a quarter.
					grown := reflect.MakeSlice(p.typ, n, n+more)
					reflect.Copy(grown, sv)
					sv.Set(grown)
				}
				capacity, items = cap(*h), unsafe.Pointer(unsafe.SliceData(*h))
			}
			item := unsafe.Add(items, uintptr(n)*size)
			if n < reused {
				zero(p.elem.typ, item)
			}
			if s.peek() == 'n' && !p.elem.takesNull {
				return atKey("["+strconv.Itoa(n)+"]", errNull)
			}
			if err := p.elem.decode(s, item); err != nil {
				return atKey("["+strconv.Itoa(n)+"]", err)
			}
			n++
		}
		if n == 0 && *h == nil {
			// [] is not null: an empty slice that is not nil, pointing
			// where every empty allocation does, without allocating.
			*(*unsafe.Pointer)(v) = unsafe.Pointer(&emptyArray)
		}
		*h = (*h)[:n]
		s.leave()
		return nil
	}
}

var emptyArray [0]uint64

// sliceHeader is the slice of any type at v seen as a []byte: every slice
// has the same header (a pointer to the backing array, a length and a
// capacity, counted in items), which is all this view is used for: to read
// them and to reslice. Its items are never read or written as bytes.
func sliceHeader(v unsafe.Pointer) *[]byte { return (*[]byte)(v) }

// textArena is the size of the blocks short strings are copied into, and
// textShort the longest string that goes into one (see text).
const (
	textArena = 8 << 10
	textShort = 256
)

// text returns b as a string of its own. A decoded document holds many
// short strings (ids, names, states); one allocation each was the largest
// cost of decoding after the scan itself. Short ones are copied side by side
// into blocks of textArena bytes, which hold no pointers for the collector
// to scan, and each string views its bytes there, which nothing writes
// again: a string a caller keeps keeps at most its block alive, never the
// body.
func (s *scanner) text(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > textShort {
		return string(b)
	}
	if cap(s.arena)-len(s.arena) < len(b) {
		// A block need not be larger than what is left of the input,
		// which holds every string still to come.
		s.arena = make([]byte, 0, max(min(textArena, len(s.data)-s.i), len(b)))
	}
	start := len(s.arena)
	s.arena = append(s.arena, b...)
	return unsafe.String(&s.arena[start], len(b))
}

// view is b as a string without a copy, for a parse function that does not
// keep its argument (strconv's: only in the error it returns, which is
// dropped).
func view(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// bigArray is the size in bytes of a backing array past which it grows by
// an estimate of the items still to come rather than by doubling.
const bigArray = 256 << 10

// grow returns by how many items to grow a backing array that holds n items
// of size bytes, all used, while an array that started at start is decoded
// at s.i, at the start of its next item. It doubles, where append grows
// large slices by a quarter: a list of a thousand orders would be copied a
// dozen times, leaving four times its size behind for the collector. Past
// bigArray it grows by the items the rest of the input would hold if they
// were as long as the n read so far, and a sixteenth more: a large body's
// list is allocated once more, at about its size, so that its peak memory
// is the body and the values, not the garbage of growing them; and nothing
// is scanned twice. (Counting the items first instead would leave no
// margin, 5 MB of a 100 MB body's list, but costs a fifth more time.) When
// that falls short (the later items are shorter than the first ones, and
// the array is past twice bigArray, which doubling never reaches), it counts
// the items still to come (see countItems), so that it is copied once more
// at most: an estimate from the items so far fell short again, and copied
// the whole list again, at each shortfall. The growth is bounded by what the
// array holds already or twice the input still to come, whichever is more:
// items that are tiny in JSON and large in Go (an array of {}, or of 1,
// which fails at its first item) followed by other data cannot make it
// allocate more than that.
func (s *scanner) grow(n, start int, size uintptr) int {
	if uintptr(n)*size < bigArray {
		return max(n, 1)
	}
	rest := len(s.data) - s.i
	bound := max(n, 2*rest/int(size))
	count, ok := 0, false
	if uintptr(n)*size >= 2*bigArray {
		count, ok = countItems(s.data, s.i)
	}
	if !ok {
		perItem := max((s.i-start)/n, 1)
		count = rest/perItem + rest/perItem/16 + 1
	}
	return max(min(count, bound), 1)
}

// countItems counts the items of an array from data[i], the start of one,
// to its closing bracket: the commas outside strings and nested values. It
// does not check the syntax (the decoding does, and fails where the count
// was wrong); ok is false when the array does not end.
func countItems(data []byte, i int) (count int, ok bool) {
	count, depth := 1, 0
	for ; i < len(data); i++ {
		c := data[i]
		if !countStop[c] {
			continue
		}
		switch c {
		case '"':
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++ // the escaped byte, a quote or not
				}
			}
		case '[', '{':
			depth++
		case ']', '}':
			if depth == 0 {
				return count, true
			}
			depth--
		case ',':
			if depth == 0 {
				count++
			}
		}
	}
	return 0, false
}

// countStop is the bytes countItems looks at outside strings.
var countStop = [256]bool{'"': true, '[': true, '{': true, ']': true, '}': true, ',': true}

func decodeArray(p *plan) func(*scanner, reflect.Value) error {
	return func(s *scanner, v reflect.Value) error {
		if err := s.open('[', "an array"); err != nil {
			return err
		}
		v.SetZero()
		n := 0
		for first := true; ; first = false {
			more, err := s.more(']', first)
			if err != nil {
				return err
			}
			if !more {
				break
			}
			if n >= v.Len() {
				return fmt.Errorf("more than %d items", v.Len())
			}
			if s.peek() == 'n' && !p.elem.takesNull {
				return atKey("["+strconv.Itoa(n)+"]", errNull)
			}
			if err := p.elem.decodeInto(s, v.Index(n)); err != nil {
				return atKey("["+strconv.Itoa(n)+"]", err)
			}
			n++
		}
		s.leave()
		return nil
	}
}

// decodeMap decodes an object into a map with string keys. As in a struct,
// a key that appears twice counts the last time.
func decodeMap(p *plan) func(*scanner, reflect.Value) error {
	return func(s *scanner, v reflect.Value) error {
		if s.peek() == 'n' {
			if err := s.literal("null"); err != nil {
				return err
			}
			v.SetZero()
			return nil
		}
		if err := s.open('{', "an object"); err != nil {
			return err
		}
		t := v.Type()
		if v.IsNil() {
			v.Set(reflect.MakeMap(t))
		}
		ev := reflect.New(t.Elem()).Elem()
		kv := reflect.New(t.Key()).Elem()
		for first := true; ; first = false {
			more, err := s.more('}', first)
			if err != nil {
				return err
			}
			if !more {
				break
			}
			key, fl, err := s.key()
			if err != nil {
				return err
			}
			if fl&strInvalid != 0 {
				return errInvalidText
			}
			k := string(key)
			if s.peek() == 'n' && !p.elem.takesNull {
				return atKey(k, errNull)
			}
			ev.SetZero()
			if err := p.elem.decodeInto(s, ev); err != nil {
				return atKey(k, err)
			}
			kv.SetString(k)
			v.SetMapIndex(kv, ev)
		}
		s.leave()
		return nil
	}
}

var anyType = reflect.TypeFor[any]()

// decodeInterface decodes a free-form value: objects as map[string]any,
// arrays as []any, numbers as json.Number, so that nothing is rounded.
func decodeInterface(s *scanner, v reflect.Value) error {
	x, err := s.anyValue()
	if err != nil {
		return err
	}
	if x == nil {
		v.SetZero()
		return nil
	}
	v.Set(reflect.ValueOf(x))
	return nil
}

func (s *scanner) anyValue() (any, error) {
	switch c := s.peek(); {
	case c == '"':
		b, fl, err := s.str()
		if err != nil {
			return nil, err
		}
		if fl&strInvalid != 0 {
			return nil, errInvalidText
		}
		return s.text(b), nil
	case c == '{':
		s.i++
		if err := s.enter(); err != nil {
			return nil, err
		}
		m := map[string]any{}
		for first := true; ; first = false {
			more, err := s.more('}', first)
			if err != nil {
				return nil, err
			}
			if !more {
				break
			}
			key, fl, err := s.key()
			if err != nil {
				return nil, err
			}
			if fl&strInvalid != 0 {
				return nil, errInvalidText
			}
			k := string(key)
			x, err := s.anyValue()
			if err != nil {
				return nil, atKey(k, err)
			}
			m[k] = x
		}
		s.leave()
		return m, nil
	case c == '[':
		s.i++
		if err := s.enter(); err != nil {
			return nil, err
		}
		a := []any{}
		for first := true; ; first = false {
			more, err := s.more(']', first)
			if err != nil {
				return nil, err
			}
			if !more {
				break
			}
			x, err := s.anyValue()
			if err != nil {
				return nil, atKey("["+strconv.Itoa(len(a))+"]", err)
			}
			a = append(a, x)
		}
		s.leave()
		return a, nil
	case c == 't':
		return true, s.literal("true")
	case c == 'f':
		return false, s.literal("false")
	case c == 'n':
		return nil, s.literal("null")
	case c == '-' || isDigit(c):
		b, err := s.number()
		if err != nil {
			return nil, err
		}
		return json.Number(b), nil
	}
	return nil, s.unexpected(" looking for beginning of value")
}

// decodeDocument decodes the JSON document data into v, an addressable value:
// one value and white space around it, nothing else. A top-level null
// leaves a struct as it is, as encoding/json does; anything else replaces
// what v held.
func decodeDocument(data []byte, v reflect.Value) error {
	p := planOf(v.Type())
	s := scanner{data: data}
	if s.peek() == 'n' && p.kind == planStruct {
		if err := s.literal("null"); err != nil {
			return &DecodeError{Err: err}
		}
		return wrapDecode(s.end())
	}
	v.SetZero() // what every decoder is given
	if err := p.decodeInto(&s, v); err != nil {
		if !isSyntax(err) {
			// A value that does not fit v: but if the document is not JSON
			// at all, that is what to say.
			check := scanner{data: data}
			if serr := check.skipValue(); serr != nil {
				err = serr
			} else if serr := check.end(); serr != nil {
				err = serr
			}
		}
		if isSyntax(err) {
			v.SetZero()
		}
		return wrapDecode(err)
	}
	return wrapDecode(s.end())
}

func wrapDecode(err error) error {
	if err == nil {
		return nil
	}
	if de, ok := err.(*DecodeError); ok {
		return de
	}
	return &DecodeError{Err: err}
}
