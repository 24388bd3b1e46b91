package templates

import (
	"encoding"
	"encoding/json"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"
)

// A plan is what the codec knows about one Go type, worked out once from
// the type and its struct tags and then reused for every value of it: which
// function decodes it, which encodes it, and for a generated struct its
// fields in spec order with their JSON names pre-encoded. The hot paths
// never look a type up by name, ask reflect whether it implements an
// interface, or go through a sync.Map per value: only once per top-level
// call.
type plan struct {
	kind   planKind
	typ    reflect.Type
	decode func(s *scanner, v unsafe.Pointer) error // v: the address of a zero value of typ
	encode func(e *encoder, v unsafe.Pointer)

	// takesNull: JSON null is a value of the type (a pointer, a slice, a
	// map, an interface, a Nullable): decoding null sets it to its null
	// state. For the others, null is a value that does not fit.
	takesNull bool

	elem *plan // Opt, Nullable: of Value; slices, arrays, maps, pointers: of the element

	offsets [3]uintptr // Opt, Nullable: of Value, Set and Null

	st *structPlan // planStruct

	size atomic.Int64 // the length of the last large encoding, to size the next one's buffer
}

type planKind uint8

const (
	planOther    planKind = iota
	planStruct            // a generated struct (it has keptFields)
	planOpt               // Opt[T]
	planNullable          // Nullable[T]
)

// structPlan is a generated struct: its fields in spec order (a tuple: its
// positions), and where its maps and kept members are.
type structPlan struct {
	fields []fieldPlan
	byName map[string]int // JSON name → index in fields (a tuple: "0", "1", ...)
	slots  []int16        // open-addressed hash table of field indexes, -1 empty: see field
	kept   int            // index of the keptFields field
	typ    reflect.Type

	keptOffset uintptr // of the keptFields field

	// A struct may also have a map of the members that match its
	// patternProperties (oagen:"pattern", the expression in its pattern
	// tag) and a map of the other members that are not properties
	// (oagen:"extra"): additionalProperties beside properties.
	pattern, extra         int // field indexes, or -1
	re                     *regexp.Regexp
	patternPlan, extraPlan *plan // of the maps

	// A tuple (prefixItems) is a struct of positions (oagen:"item", or
	// "item,optional" for a position that may be missing) encoded as a JSON
	// array, with the items after them in a slice (oagen:"rest").
	tuple    bool
	rest     int   // index of the Rest field, or -1
	restPlan *plan // of Rest
}

// fieldPlan is one field of a generated struct.
type fieldPlan struct {
	name   string // JSON name
	prefix []byte // the name quoted, and a colon: `"name":`
	// commaPrefix is prefix after a comma; commaPrefix[first:] is what
	// goes before the value, first being 1 for the first member written.
	commaPrefix []byte
	index       int // Go field index
	offset      uintptr
	optional    bool // omitzero: left out when absent
	readOnly    bool // oagen:"readonly": never in a request body
	plan        *plan
}

var (
	plans       sync.Map // reflect.Type → *plan, complete ones only
	plansMu     sync.Mutex
	thisPackage = reflect.TypeFor[keptFields]().PkgPath()
	keptType    = reflect.TypeFor[keptFields]()
)

// planOf returns the plan of t, building it (and the plans of every type it
// contains) on first use.
func planOf(t reflect.Type) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	// Types refer to each other in loops (a tree of nodes), so the plans of
	// one lookup are built together under a lock and published at the end;
	// a plan in a loop calls the other through its pointer, which is filled
	// in by then.
	plansMu.Lock()
	defer plansMu.Unlock()
	building := map[reflect.Type]*plan{}
	p := buildPlan(t, building)
	for k, v := range building {
		plans.Store(k, v)
	}
	return p
}

var (
	rawMessageType = reflect.TypeFor[json.RawMessage]()
	numberType     = reflect.TypeFor[json.Number]()
	dateType       = reflect.TypeFor[Date]()
	unmarshalerT   = reflect.TypeFor[json.Unmarshaler]()
	marshalerT     = reflect.TypeFor[json.Marshaler]()
	textUnmarshalT = reflect.TypeFor[encoding.TextUnmarshaler]()
	textMarshalT   = reflect.TypeFor[encoding.TextMarshaler]()
	encodableT     = reflect.TypeFor[jsonEncodable]()
)

func buildPlan(t reflect.Type, building map[reflect.Type]*plan) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	if p := building[t]; p != nil {
		return p // a loop: filled in before anyone calls it
	}
	p := &plan{typ: t}
	building[t] = p
	generated := t.Kind() == reflect.Struct && t.PkgPath() == thisPackage
	switch {
	case generated && strings.HasPrefix(t.Name(), "Opt["):
		p.kind = planOpt
		p.elem = buildPlan(t.Field(0).Type, building)
		p.offsets = [3]uintptr{t.Field(0).Offset, t.Field(1).Offset}
		p.decode, p.encode = decodeWrapped(p), encodeWrapped(p)
		return p
	case generated && strings.HasPrefix(t.Name(), "Nullable["):
		p.kind, p.takesNull = planNullable, true
		p.elem = buildPlan(t.Field(0).Type, building)
		p.offsets = [3]uintptr{t.Field(0).Offset, t.Field(1).Offset, t.Field(2).Offset}
		p.decode, p.encode = decodeWrapped(p), encodeWrapped(p)
		return p
	case generated && keptField(t) >= 0:
		p.kind = planStruct
		p.st = buildStructPlan(t, building)
		if p.st.tuple {
			p.decode, p.encode = viaReflect(t, tupleDecoder(p.st)), encodeViaReflect(t, tupleEncoder(p.st))
		} else {
			p.decode, p.encode = structDecoder(p.st), structEncoder(p.st)
		}
		return p
	case t == rawMessageType:
		p.takesNull = true
		p.decode, p.encode = decodeRawMessage, encodeRawMessage
		return p
	case t == numberType:
		p.decode, p.encode = decodeNumber, encodeNumber
		return p
	case t == timeType:
		p.decode, p.encode = decodeTime, encodeTime
		return p
	case t == dateType:
		p.decode, p.encode = decodeDate, encodeDate
		return p
	case t.Implements(encodableT) && reflect.PointerTo(t).Implements(unmarshalerT):
		// A generated union: it keeps the JSON it was given, and encodes
		// itself into the encoder.
		p.takesNull = true
		p.decode, p.encode = viaReflect(t, decodeUnmarshaler), encodeViaReflect(t, encodeEncodable)
		return p
	}
	// Types of the standard library or of a caller that bring their own
	// JSON or text methods keep them. (A pointer is followed: the type it
	// points to decides, so that a generated struct behind a pointer is
	// still encoded by its plan, in request form where asked.)
	ptr := reflect.PointerTo(t)
	switch {
	case t.Kind() == reflect.Pointer:
	case ptr.Implements(unmarshalerT) || t.Implements(marshalerT) || ptr.Implements(marshalerT):
		p.takesNull = true
		p.decode, p.encode = viaReflect(t, decodeUnmarshaler), encodeViaReflect(t, encodeMarshaler)
		return p
	case t.Kind() != reflect.String && (ptr.Implements(textUnmarshalT) || t.Implements(textMarshalT)):
		p.decode, p.encode = viaReflect(t, decodeTextUnmarshaler), encodeViaReflect(t, encodeUnsupported)
		return p
	}
	switch t.Kind() {
	case reflect.String:
		p.decode, p.encode = decodeString, encodeString
	case reflect.Bool:
		p.decode, p.encode = decodeBool, encodeBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		p.decode, p.encode = decodeInt(t.Bits()), encodeInt(t.Bits())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		p.decode, p.encode = decodeUint(t.Bits()), encodeUint(t.Bits())
	case reflect.Float32:
		p.decode, p.encode = decodeFloat32, encodeFloat32
	case reflect.Float64:
		p.decode, p.encode = decodeFloat64, encodeFloat64
	case reflect.Interface:
		p.takesNull = true
		if t.NumMethod() == 0 {
			p.decode, p.encode = viaReflect(t, decodeInterface), encodeViaReflect(t, encodeInterface)
		} else {
			p.decode, p.encode = viaReflect(t, decodeUnsupported), encodeViaReflect(t, encodeInterface)
		}
	case reflect.Pointer:
		p.takesNull = true
		p.elem = buildPlan(t.Elem(), building)
		p.decode, p.encode = decodePointer(p), encodePointer(p)
	case reflect.Slice:
		p.takesNull = true
		if t.Elem().Kind() == reflect.Uint8 && !reflect.PointerTo(t.Elem()).Implements(unmarshalerT) {
			p.decode, p.encode = decodeBytes, encodeBytes
			break
		}
		p.elem = buildPlan(t.Elem(), building)
		p.decode, p.encode = decodeSlice(p), encodeSlice(p)
	case reflect.Array:
		p.elem = buildPlan(t.Elem(), building)
		p.decode, p.encode = viaReflect(t, decodeArray(p)), encodeArray(p)
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			p.takesNull = true
			p.decode, p.encode = viaReflect(t, decodeUnsupported), encodeViaReflect(t, encodeUnsupported)
			break
		}
		p.takesNull = true
		p.elem = buildPlan(t.Elem(), building)
		p.decode, p.encode = viaReflect(t, decodeMap(p)), encodeViaReflect(t, encodeMap(p))
	default:
		p.decode, p.encode = viaReflect(t, decodeUnsupported), encodeViaReflect(t, encodeUnsupported)
	}
	return p
}

// keptField returns the index of t's keptFields field, or -1.
func keptField(t reflect.Type) int {
	for i := 0; i < t.NumField(); i++ {
		if t.Field(i).Type == keptType {
			return i
		}
	}
	return -1
}

func buildStructPlan(t reflect.Type, building map[reflect.Type]*plan) *structPlan {
	st := &structPlan{byName: map[string]int{}, kept: keptField(t), typ: t, pattern: -1, extra: -1, rest: -1}
	st.keptOffset = t.Field(st.kept).Offset
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		role, opts, _ := strings.Cut(sf.Tag.Get("oagen"), ",")
		switch role {
		case "pattern":
			// An expression that does not compile (the generator checks
			// them all) leaves the members unmatched: kept, not lost.
			if re, err := regexp.Compile(sf.Tag.Get("pattern")); err == nil && sf.Type.Kind() == reflect.Map {
				st.pattern, st.re = i, re
				st.patternPlan = buildPlan(sf.Type, building)
			}
			continue
		case "extra":
			if sf.Type.Kind() == reflect.Map {
				st.extra = i
				st.extraPlan = buildPlan(sf.Type, building)
			}
			continue
		case "item":
			st.tuple = true
			name := strconv.Itoa(len(st.fields))
			st.byName[name] = len(st.fields)
			st.fields = append(st.fields, fieldPlan{name: name, index: i, offset: sf.Offset, optional: opts == "optional", plan: buildPlan(sf.Type, building)})
			continue
		case "rest":
			if sf.Type.Kind() == reflect.Slice {
				st.tuple, st.rest = true, i
				st.restPlan = buildPlan(sf.Type, building)
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
		prefix := append(appendQuoted(nil, name), ':')
		st.byName[name] = len(st.fields)
		st.fields = append(st.fields, fieldPlan{name: name, prefix: prefix, commaPrefix: append([]byte{','}, prefix...), index: i, offset: sf.Offset,
			optional: strings.Contains(opts, "omitzero"), readOnly: role == "readonly", plan: buildPlan(sf.Type, building)})
	}
	if !st.tuple && len(st.fields) < 1<<14 {
		n := 8
		for n < 2*len(st.fields) {
			n *= 2
		}
		st.slots = make([]int16, n)
		for i := range st.slots {
			st.slots[i] = -1
		}
		for i, f := range st.fields {
			h := nameHash(f.name) & uint32(n-1)
			for st.slots[h] >= 0 {
				h = (h + 1) & uint32(n-1)
			}
			st.slots[h] = int16(i)
		}
	}
	return st
}

// field returns the index in st.fields of the member named key, or -1.
// Members usually come in the order of the spec, so the one after the last
// found (after) is tried first; then a small hash table of the names, which
// is cheaper than a map lookup for the few dozen names of a struct.
func (st *structPlan) field(key []byte, after int) int {
	if after+1 < len(st.fields) && st.fields[after+1].name == string(key) {
		return after + 1
	}
	if st.slots == nil {
		if i, ok := st.byName[string(key)]; ok {
			return i
		}
		return -1
	}
	mask := uint32(len(st.slots) - 1)
	for h := nameHashBytes(key) & mask; ; h = (h + 1) & mask {
		i := st.slots[h]
		if i < 0 {
			return -1
		}
		if st.fields[i].name == string(key) {
			return int(i)
		}
	}
}

// nameHash is FNV-1a, for the field table.
func nameHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}

func nameHashBytes(b []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}
