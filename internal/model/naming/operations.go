package naming

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/oagen-dev/oagen/internal/model"
)

// methodOrder sorts the operations of a path in a fixed order.
var methodOrder = map[string]int{"GET": 0, "PUT": 1, "POST": 2, "DELETE": 3, "OPTIONS": 4, "HEAD": 5, "PATCH": 6, "TRACE": 7, "QUERY": 8}

// operations groups operations into services by their first tag and names
// their methods.
//
// The rule: a method is named after its operationId with the service's noun
// removed, matching the tag's words in order, singular or plural
// (UpdatePortingOrder in "Porting Orders" → Update, ListPortingOrders →
// List). Where that leaves nothing, or two operations of a service would
// share a short name, those operations keep their whole operationId. Where
// even those collide (a duplicate operationId), the operation with the
// earlier path and method keeps the name and the others get a numeric suffix.
// Operations without a tag go to the "Default" service.
func operations(api *model.API, taken *nameSet) {
	byTag := map[string]*model.Service{}
	for _, op := range api.Operations {
		tag := ""
		if len(op.Tags) > 0 {
			tag = op.Tags[0]
		}
		s := byTag[tag]
		if s == nil {
			s = &model.Service{Tag: tag}
			byTag[tag] = s
		}
		s.Operations = append(s.Operations, op)
	}
	tags := make([]string, 0, len(byTag))
	for t := range byTag {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	fieldTaken := newNameSet()
	fieldTaken.add("Do") // Client.Do, the raw call
	api.Services = api.Services[:0]
	for _, tag := range tags {
		s := byTag[tag]
		name := tag
		if name == "" {
			name = "default"
		}
		s.GoName = claim(fieldTaken, Exported(name))
		s.TypeName = claim(taken, s.GoName+"Service")
		sort.SliceStable(s.Operations, func(i, j int) bool {
			a, b := s.Operations[i], s.Operations[j]
			if a.Path != b.Path {
				return a.Path < b.Path
			}
			return methodOrder[a.Method] < methodOrder[b.Method]
		})
		api.Warnings = append(api.Warnings, methodNames(s, Words(tag))...)
		api.Services = append(api.Services, s)
	}
	paramsTypes(api, taken)
	headersTypes(api, taken)
}

// methodNames names the methods of a service. It returns a warning for
// each operation whose name had to change because Go reserves it.
func methodNames(s *model.Service, noun []string) (warns []*model.Diagnostic) {
	short := make([]string, len(s.Operations))
	count := map[string]int{}
	for i, op := range s.Operations {
		short[i] = Pascal(removeNoun(wordsOf(op.ID), noun))
		if op.Pin == nil && !op.Webhook {
			count[short[i]]++
		}
	}
	taken := newNameSet()
	var ops []*model.Operation
	var names []string
	for i, op := range s.Operations {
		op.Service = s.GoName
		if op.Pin != nil {
			// A pinned name is kept as it is; CheckPinned reports collisions.
			op.GoName = op.Pin.Name
			continue
		}
		if op.Webhook {
			// Webhooks and callbacks are sent by the API: the client has
			// no method for them, so they take no method name.
			continue
		}
		name := short[i]
		if name == "" || count[name] > 1 || !IsExported(name) {
			name = Exported(op.ID)
		}
		if iface, ok := ReservedMethods[name]; ok {
			warns = append(warns, &model.Diagnostic{Pos: op.Pos, Pointer: op.Pointer,
				Message: fmt.Sprintf("operationId %q would give the method %s, a name Go reserves for %s: the method is %s_", op.ID, name, iface, name)})
			name += "_"
		}
		ops = append(ops, op)
		names = append(names, name)
	}
	claimAll(taken, ops, names, func(op *model.Operation, name string) { op.GoName = name })
	// Iterators come second, so they never take an operation's name.
	for _, op := range s.Operations {
		if op.Pagination != nil {
			op.PagerName = claim(taken, strings.TrimSuffix(op.GoName, "_")+"All")
		}
	}
	// So do the event-stream readers of operations that also answer
	// otherwise.
	for _, op := range s.Operations {
		if c, others := op.EventStream(); c != nil && others && !op.Webhook {
			op.StreamName = claim(taken, strings.TrimSuffix(op.GoName, "_")+"Stream")
		}
	}
	return warns
}

// ReservedMethods are the method names go vet (stdmethods) expects to have
// the signature of a standard interface, with the interface, and those
// that fmt and errors look for (String, GoString, Error): an operation is
// never a method of one of these names, which vet would reject or fmt
// would misread.
var ReservedMethods = map[string]string{
	"As": "errors.As", "Is": "errors.Is", "Unwrap": "errors.Unwrap", "Error": "the error interface",
	"Format": "fmt.Formatter", "String": "fmt.Stringer", "GoString": "fmt.GoStringer", "Scan": "fmt.Scanner",
	"GobDecode": "gob.GobDecoder", "GobEncode": "gob.GobEncoder",
	"MarshalJSON": "json.Marshaler", "UnmarshalJSON": "json.Unmarshaler",
	"MarshalXML": "xml.Marshaler", "UnmarshalXML": "xml.Unmarshaler",
	"ReadByte": "io.ByteReader", "UnreadByte": "io.ByteScanner", "ReadRune": "io.RuneReader", "UnreadRune": "io.RuneScanner",
	"WriteByte": "io.ByteWriter", "ReadFrom": "io.ReaderFrom", "WriteTo": "io.WriterTo", "Seek": "io.Seeker",
}

// paramsTypes names the parameter struct of every operation that has query,
// header or cookie parameters, OperationID + "Params", and its fields.
// Webhooks and callbacks have no method to take one.
func paramsTypes(api *model.API, taken *nameSet) {
	ops := make([]*model.Operation, len(api.Operations))
	copy(ops, api.Operations)
	sort.SliceStable(ops, func(i, j int) bool { return ops[i].Pointer < ops[j].Pointer })
	for _, op := range ops {
		if op.Webhook {
			continue
		}
		var params []*model.Param
		for _, p := range op.Params {
			if p.In != model.InPath {
				params = append(params, p)
			}
		}
		if len(params) == 0 {
			continue
		}
		op.ParamsType = claim(taken, Exported(op.ID)+"Params")
		fieldTaken := newNameSet()
		for _, p := range params {
			// A component parameter is shared: it keeps the name it got first.
			if p.GoName == "" {
				p.GoName = Exported(p.Name)
			}
			if fieldTaken.has(p.GoName) {
				p.GoName = claim(fieldTaken, p.GoName)
			}
			fieldTaken.add(p.GoName)
		}
	}
}

// removeNoun drops the first run of words that spells noun.
func removeNoun(words, noun []string) []string {
	if len(noun) == 0 || len(noun) > len(words) {
		return words
	}
	for i := 0; i+len(noun) <= len(words); i++ {
		match := true
		for j, n := range noun {
			if singular(words[i+j]) != singular(n) {
				match = false
				break
			}
		}
		if match {
			out := append([]string{}, words[:i]...)
			return append(out, words[i+len(noun):]...)
		}
	}
	return words
}

func singular(w string) string {
	w = strings.ToLower(w)
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 2:
		return w[:len(w)-1]
	}
	return w
}

// headerFieldsTaken are the names a headers struct cannot give a field: its
// methods.
var headerFieldsTaken = []string{"Raw", "Err"}

// headersTypes names the struct of the typed headers of an operation's
// success responses, OperationID + "ResponseHeaders", and its fields, one
// per header name (case-insensitively; the first response to declare it
// wins). Content-Type is left out: OpenAPI ignores it as a response header.
// Operations are taken in pointer order, so suffixes do not depend on the
// order of the spec.
func headersTypes(api *model.API, taken *nameSet) {
	ops := slices.Clone(api.Operations)
	sort.SliceStable(ops, func(i, j int) bool { return ops[i].Pointer < ops[j].Pointer })
	for _, op := range ops {
		op.ResponseHeaders = nil
		if op.Webhook {
			continue
		}
		seen := map[string]*model.Header{}
		required := map[string]int{} // in how many success responses a header is required
		successes := 0
		for _, r := range op.Responses {
			if !strings.HasPrefix(r.Status, "2") {
				continue
			}
			successes++
			for _, h := range r.Headers {
				key := strings.ToLower(h.Name)
				if h.Required {
					required[key]++
				}
				if seen[key] != nil || key == "content-type" {
					continue
				}
				c := *h // a component response is shared: the field name is this operation's
				seen[key] = &c
				op.ResponseHeaders = append(op.ResponseHeaders, &c)
			}
		}
		// A header is required in the struct only when every success
		// response requires it.
		for key, h := range seen {
			h.Required = required[key] == successes
		}
		if len(op.ResponseHeaders) == 0 {
			continue
		}
		op.HeadersType = claim(taken, Exported(op.ID)+"ResponseHeaders")
		fieldTaken := newNameSet()
		for _, n := range headerFieldsTaken {
			fieldTaken.add(n)
		}
		// Ranked by header name, so that the order of the spec does not
		// decide which of two colliding headers takes a suffix.
		hs := slices.Clone(op.ResponseHeaders)
		sort.SliceStable(hs, func(i, j int) bool { return hs[i].Name < hs[j].Name })
		names := make([]string, len(hs))
		for i, h := range hs {
			names[i] = Exported(h.Name)
		}
		claimAll(fieldTaken, hs, names, func(h *model.Header, name string) { h.GoName = name })
	}
}
