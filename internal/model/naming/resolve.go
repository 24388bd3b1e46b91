package naming

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/oagen-dev/oagen/internal/model"
)

// Reserved are the exported names that the support code copied into every
// generated package declares. No schema may take them.
var Reserved = []string{
	"APIError", "Client", "Date", "DateOf", "DecodeError", "ErrorObject", "ErrorSource", "HTTPDoer", "InvalidFields",
	"UnknownFields",
	"Middleware", "MiddlewareNext", "NewClient", "Null", "Nullable", "Opt", "Option", "ParseDate", "ResponseError", "Some", "Value",
	"WithAPIKey", "WithBaseURL", "WithHTTPClient", "WithHeader", "WithMaxRetries", "WithMaxRetryAfter",
	"WithMiddleware", "WithRequestTimeout", "WithResponseInto", "WithRetryNonIdempotent",
	"HeaderError", "WithResponseHeaders",
	"ErrPageLimit", "ErrRepeatedPage", "ErrForeignPage", "ResponseTooLargeError", "WithMaxPages", "WithMaxResponseSize", "WithMaxRetryTime",
	"AsErrorBody", "WithAutoIdempotencyKey", "WithExtraBodyField", "WithExtraQuery", "WithIdempotencyKey", "WithLogger",
	"UploadFile", "UploadFileFromBytes", "UploadFileFromOS",
	"EventStream", "StreamEvent", "StreamDecodeError", "ErrEventTooLarge",
}

// reservedFields are names a struct field cannot have, because every
// generated struct has methods of that name.
var reservedFields = map[string]bool{"MarshalJSON": true, "UnmarshalJSON": true}

// Resolve gives every named type, field, enum constant and union variant of
// api its Go name, in one pass over the whole model.
//
// Names never depend on the order the spec lists things in. Where two
// candidates collide, the one with the earlier rank keeps the plain name and
// the others get the smallest free numeric suffix (2, 3, ...). The rank is:
// component schemas whose key already is the Go name, then other
// components, then inline types from the shallowest to the deepest; within
// each, by JSON pointer. Adding a schema that collides with nothing renames
// nothing.
func Resolve(api *model.API) {
	taken := newNameSet()
	for _, n := range Reserved {
		taken.add(n)
	}
	if api.Webhooks != nil {
		for _, n := range WebhookReserved {
			taken.add(n)
		}
	}
	// A pinned name (x-go-name, oagen.yaml) is given as it is, never ranked
	// or suffixed; CheckPinned reports any name it collides with.
	types := slices.DeleteFunc(slices.Clone(api.Types), func(t *model.Type) bool {
		if t.Pin != nil {
			t.GoName = t.Pin.Name
		}
		return t.Pin != nil
	})
	rank := func(t *model.Type) int {
		switch {
		case t.Component != "" && Exported(t.Component) == t.Component:
			return 0
		case t.Component != "":
			return 1
		}
		return 2 + depth(t)
	}
	sort.SliceStable(types, func(i, j int) bool {
		ri, rj := rank(types[i]), rank(types[j])
		if ri != rj {
			return ri < rj
		}
		return types[i].Pointer < types[j].Pointer
	})
	// Names are given a rank at a time. The plain names of a whole rank are
	// reserved before any suffix is chosen, so a suffixed name never takes
	// the plain name of another type (Pet, pet, pet_2 → Pet, Pet3, Pet2).
	// Inline names are built from their parent's, so a rank waits for the
	// ranks before it.
	for i := 0; i < len(types); {
		j := i
		for j < len(types) && tier(rank(types[j])) == tier(rank(types[i])) {
			j++
		}
		group := types[i:j]
		names := make([]string, len(group))
		for k, t := range group {
			names[k] = candidate(t)
		}
		defsNames(taken, group, names)
		claimAll(taken, group, names, func(t *model.Type, name string) { t.GoName = name })
		i = j
	}
	for _, t := range api.Types {
		fields(t)
		variants(t)
	}
	enums := slices.Clone(api.Types)
	sort.Slice(enums, func(i, j int) bool { return enums[i].GoName < enums[j].GoName })
	for _, t := range enums {
		if t.Kind == model.KindEnum {
			enumValues(t, taken)
		}
	}
	for _, t := range enums {
		for _, v := range t.Variants {
			v.Constructor = claim(taken, t.GoName+"From"+v.GoName)
		}
	}
	operations(api, taken)
	roles(api)
	securityNames(api, taken)
	serverNames(api, taken)
	webhookNames(api)
	api.Warnings = append(api.Warnings, longNames(api)...)
}

// longNames warns of each name of the spec longer than MaxNameLen bytes
// that a Go name is made from: a schema's key, a property, an enum value,
// an operationId, a tag.
func longNames(api *model.API) []*model.Diagnostic {
	var ds []*model.Diagnostic
	warn := func(name string, pos model.Pos, ptr string) {
		if len(name) <= MaxNameLen {
			return
		}
		shown := []rune(name)
		if len(shown) > 40 {
			shown = append(shown[:40], []rune("...")...)
		}
		ds = append(ds, &model.Diagnostic{Pos: pos, Pointer: ptr,
			Message: fmt.Sprintf("the name %q is %d bytes long: Go names made from it are cut to %d bytes", string(shown), len(name), MaxNameLen)})
	}
	for _, t := range api.Types {
		warn(t.Component, t.Pos, t.Pointer)
		for _, f := range t.Fields {
			warn(f.Name, f.Pos, f.Pointer)
		}
		for i, v := range t.Values {
			warn(unquote(v.Value.JSON), v.Value.Pos, fmt.Sprintf("%s/enum/%d", t.Pointer, i))
		}
	}
	tags := map[string]bool{}
	for _, op := range api.Operations {
		warn(op.ID, op.Pos, op.Pointer)
		if len(op.Tags) > 0 && !tags[op.Tags[0]] {
			tags[op.Tags[0]] = true // once, at its first operation
			warn(op.Tags[0], op.Pos, op.Pointer+"/tags/0")
		}
	}
	return ds
}

// tier groups ranks whose names do not depend on each other: all
// components together, then each depth of inline types.
func tier(rank int) int {
	if rank <= 1 {
		return 0
	}
	return rank
}

// defsNames prefixes the name of a $defs type with its owner's (Inner →
// OuterInner) when the plain name is taken or wanted by another of its group.
func defsNames(taken *nameSet, group []*model.Type, names []string) {
	count := map[string]int{}
	for _, n := range names {
		count[n]++
	}
	for k, t := range group {
		if o := t.DefsOwner; o != nil && o.GoName != "" && (taken.has(names[k]) || count[names[k]] > 1) {
			names[k] = o.GoName + names[k]
		}
	}
}

// claimAll gives each item its name: the plain name to the first item of
// the group that wants it (the group is in rank order), a suffix to the
// others, never a name that another item of the group wants plainly.
func claimAll[T any](taken *nameSet, items []T, names []string, set func(T, string)) {
	wanted := map[string]bool{}
	for _, n := range names {
		wanted[n] = true
	}
	var later []int
	for k, n := range names {
		if taken.has(n) {
			later = append(later, k)
			continue
		}
		taken.add(n)
		set(items[k], n)
	}
	for _, k := range later {
		set(items[k], taken.suffixed(names[k], func(n string) bool { return !wanted[n] }))
	}
}

func depth(t *model.Type) int {
	d := 0
	for p := t.NameParent; p != nil && d < 1000; p = p.NameParent {
		d++
	}
	return d
}

// candidate is a type's name before collisions: its parent's Go name and
// then its hint, e.g. UpdatePortingOrder + activation_settings.
func candidate(t *model.Type) string {
	var words []string
	for _, h := range t.NameHint {
		words = append(words, wordsOf(h)...)
	}
	prefix := ""
	if t.NameParent != nil {
		prefix = t.NameParent.GoName
	}
	if prefix == "" {
		return exportedWords(words)
	}
	return capName(prefix + Pascal(words))
}

// claim takes name, or name with the smallest free suffix.
func claim(taken *nameSet, name string) string {
	if !taken.has(name) {
		taken.add(name)
		return name
	}
	return taken.suffixed(name, nil)
}

// nameSet is the set of names taken in one scope. It remembers, for each
// name that took suffixes, the first suffix not yet known to be taken, so
// that n items wanting one name cost O(n) rather than O(n²) (an enum of
// 50,000 values whose constants all collide).
type nameSet struct {
	taken map[string]bool
	next  map[string]int // name → every name+i with 2 <= i < next is taken
}

func newNameSet() *nameSet {
	return &nameSet{taken: map[string]bool{}, next: map[string]int{}}
}

func (s *nameSet) has(name string) bool { return s.taken[name] }

func (s *nameSet) add(name string) { s.taken[name] = true }

// suffixed takes and returns name with the smallest suffix from 2 up that
// is free and that ok accepts (nil accepts all). Names are never released,
// so a suffix found taken once stays taken and is not tried again.
func (s *nameSet) suffixed(name string, ok func(string) bool) string {
	i := max(s.next[name], 2)
	for s.taken[name+strconv.Itoa(i)] {
		i++
	}
	s.next[name] = i
	for ; ; i++ {
		n := name + strconv.Itoa(i)
		if !s.taken[n] && (ok == nil || ok(n)) {
			s.taken[n] = true
			return n
		}
	}
}

// fields names a struct's fields. Fields whose names collide are ranked by
// JSON name, so the result does not depend on property order.
func fields(t *model.Type) {
	if len(t.Fields) == 0 {
		return
	}
	byName := map[string][]*model.Field{}
	for _, f := range t.Fields {
		if f.Pin != nil {
			f.GoName = f.Pin.Name
			continue
		}
		c := Exported(f.Name)
		if reservedFields[c] {
			c += "_"
		}
		byName[c] = append(byName[c], f)
	}
	taken := newNameSet()
	var names []string
	for n := range byName {
		names = append(names, n)
		taken.add(n)
	}
	sort.Strings(names)
	for _, n := range names {
		fs := byName[n]
		sort.SliceStable(fs, func(i, j int) bool { return fs[i].Name < fs[j].Name })
		fs[0].GoName = n
		for _, f := range fs[1:] {
			f.GoName = claim(taken, n)
		}
	}
}

// variants names a union's members: after the member's type where it has a
// name, else after its kind.
func variants(t *model.Type) {
	if t.Kind != model.KindUnion {
		return
	}
	taken := newNameSet()
	for _, v := range t.Variants {
		v.GoName = claim(taken, variantName(v.Type))
	}
}

func variantName(t *model.Type) string {
	if t.Named && t.GoName != "" {
		// An inline member is named after the union: drop that prefix.
		if p := t.NameParent; p != nil && strings.HasPrefix(t.GoName, p.GoName) && len(t.GoName) > len(p.GoName) {
			return t.GoName[len(p.GoName):]
		}
		return t.GoName
	}
	switch t.Kind {
	case model.KindString:
		return "String"
	case model.KindInteger:
		return "Integer"
	case model.KindNumber:
		return "Number"
	case model.KindBoolean:
		return "Boolean"
	case model.KindArray:
		return "Array"
	case model.KindMap:
		return "Object"
	}
	return "Value"
}

// enumValues names an enum's constants TypeName + value. Values that collide
// within the enum once punctuation is dropped ("created_at", "-created_at")
// spell their symbols out ("MinusCreatedAt"); any collision left, and any
// clash with another package-level name, takes a numeric suffix in document
// order of the values.
func enumValues(t *model.Type, taken *nameSet) {
	plain := make([]string, len(t.Values))
	count := map[string]int{}
	for i, v := range t.Values {
		plain[i] = valueWords(v.Value.JSON, false)
		count[plain[i]]++
	}
	names := make([]string, len(t.Values))
	for i, v := range t.Values {
		name := plain[i]
		if count[name] > 1 || name == "" {
			name = valueWords(v.Value.JSON, true)
		}
		if name == "" {
			name = "Empty"
		}
		names[i] = capName(t.GoName + name)
	}
	claimAll(taken, t.Values, names, func(v *model.EnumValue, name string) { v.GoName = name })
}

var symbolWords = map[rune]string{
	'+': "Plus", '-': "Minus", '*': "Star", '/': "Slash", '%': "Percent", '=': "Eq", '!': "Not", '<': "Lt",
	'>': "Gt", '&': "And", '|': "Or", '^': "Caret", '~': "Tilde", '.': "Dot", ',': "Comma", ':': "Colon",
	';': "Semicolon", '?': "Question", '@': "At", '#': "Hash", '$': "Dollar", '(': "LParen", ')': "RParen",
	'[': "LBracket", ']': "RBracket", '{': "LBrace", '}': "RBrace", '\'': "Quote", '"': "DQuote", '`': "Backtick",
	'\\': "Backslash", ' ': "Space", '_': "Underscore",
}

// valueWords names an enum value. With spell, symbols other than the
// separators between two words become words of their own.
func valueWords(jsonText string, spell bool) string {
	s := jsonText
	if len(s) >= 2 && s[0] == '"' {
		s = unquote(s)
	}
	if s == "" {
		return ""
	}
	if spell {
		var b strings.Builder
		runes := []rune(s)
		for i, r := range runes {
			w, sym := symbolWords[r]
			inside := i > 0 && i < len(runes)-1 && isAlnum(runes[i-1]) && isAlnum(runes[i+1])
			if sym && !(inside && (r == '_' || r == '-' || r == ' ' || r == '.')) {
				b.WriteString(" " + w + " ")
				continue
			}
			b.WriteRune(r)
		}
		s = b.String()
	}
	return Pascal(wordsOf(s))
}

func isAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 127
}
