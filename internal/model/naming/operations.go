package naming

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/oagen-dev/oagen/internal/model"
)

// methodOrder sorts the operations of a path in a fixed order.
var methodOrder = map[string]int{"GET": 0, "PUT": 1, "POST": 2, "DELETE": 3, "OPTIONS": 4, "HEAD": 5, "PATCH": 6, "TRACE": 7, "QUERY": 8}

// operations groups operations into services by their first tag, groups
// the resources nested in a service's paths into sub-services, and names
// the methods. Operations without a tag go to the "Default" service. The
// rules for sub-services are subServices'; for method names, methodNames'.
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
		sortOperations(s.Operations)
		members, base, shared := subServices(s, taken)
		noun := wordsOf(tag)
		api.Warnings = append(api.Warnings, methodNames(s, members, scope{noun: noun, base: base, shared: shared})...)
		for _, sub := range s.Subs {
			sc := scope{noun: noun, base: base, shared: shared, resource: sub.Resource, res: wordsOf(sub.Resource)}
			api.Warnings = append(api.Warnings, methodNames(sub, newNameSet(), sc)...)
		}
		api.Services = append(api.Services, s)
	}
	paramsTypes(api, taken)
	headersTypes(api, taken)
}

func sortOperations(ops []*model.Operation) {
	sort.SliceStable(ops, func(i, j int) bool {
		a, b := ops[i], ops[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return methodOrder[a.Method] < methodOrder[b.Method]
	})
}

// minSubOperations is how many operations a nested resource needs to get a
// sub-service of its own; one alone stays a method of its parent
// (PortingOrders.GetLoaTemplate rather than PortingOrders.LoaTemplate.Get).
const minSubOperations = 2

// subServices moves the operations of the resources nested in a service's
// paths into sub-services, as the paths say: the service's base is the
// first path segment most of its operations share (porting_orders, after
// any version prefix such as v2 or api), and an operation's resource is the
// first literal segment after the base and its parameters
// (/porting_orders/{id}/phone_number_blocks/{block_id} →
// phone_number_blocks). A resource with at least minSubOperations
// operations becomes a sub-service named after it
// (PortingOrders.PhoneNumberBlocks, of type
// PortingOrdersPhoneNumberBlocksService). The fallback is flat: operations
// on the base itself, on another base, or of a resource with fewer
// operations stay in the service, and so does everything when one resource
// would hold all of the service's operations. The result depends only on
// the paths of the service's own operations. It returns the names the
// sub-services take among the service's members, which its methods then
// cannot take, the service's base, and whether every operation is under
// it.
func subServices(s *model.Service, taken *nameSet) (*nameSet, []string, bool) {
	members := newNameSet()
	var client []*model.Operation
	for _, op := range s.Operations {
		if !op.Webhook {
			client = append(client, op)
		}
	}
	base := basePath(client)
	shared := !slices.ContainsFunc(client, func(op *model.Operation) bool {
		segs := segments(op.Path)
		return len(segs) < len(base) || !slices.Equal(segs[:len(base)], base)
	})
	noun := wordsOf(s.Tag)
	byRes := map[string][]*model.Operation{}
	for _, op := range client {
		if r := resourceOf(op.Path, base); r != "" {
			byRes[r] = append(byRes[r], op)
		}
	}
	var keys []string
	for r, ops := range byRes {
		// A resource that only repeats the tag (reports/mdr_usage_reports in
		// "MDR Usage Reports") is the service itself.
		if len(ops) >= minSubOperations && len(ops) < len(client) && len(first(stripAll(wordsOf(r), noun))) > 0 &&
			!allIn(wordsOf(r), noun) {
			keys = append(keys, r)
		}
	}
	if len(keys) == 0 {
		return members, base, shared
	}
	sort.Strings(keys)
	moved := map[*model.Operation]bool{}
	for _, r := range keys {
		name := Exported(r)
		if !IsExported(name) || members.has(name) {
			continue // two resources of one Go name (phone-numbers, phone_numbers): both stay flat
		}
		members.add(name)
		sub := &model.Service{Tag: s.Tag, GoName: name, Resource: r, Parent: s, Operations: byRes[r]}
		sub.TypeName = claim(taken, s.GoName+name+"Service")
		for _, op := range sub.Operations {
			moved[op] = true
		}
		s.Subs = append(s.Subs, sub)
	}
	s.Operations = slices.DeleteFunc(s.Operations, func(op *model.Operation) bool { return moved[op] })
	return members, base, shared
}

// first is the first of two results.
func first[T, U any](t T, _ U) T { return t }

// versionSegment matches the path segments a base is looked for after:
// v2, v1.1, api.
var versionSegment = regexp.MustCompile(`^(?i:v[0-9]+(\.[0-9]+)*|api)$`)

// segments are a path's segments after any version prefix.
func segments(path string) []string {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for len(segs) > 0 && versionSegment.MatchString(segs[0]) {
		segs = segs[1:]
	}
	return segs
}

// basePath is where most operations of a service live: the first segment
// most of them share (of two as common, the smaller), then each further
// segment that every operation under it that goes deeper has in common
// (/ai/assistants for /ai/assistants, /ai/assistants/{id} and
// /ai/assistants/{id}/tools).
func basePath(ops []*model.Operation) []string {
	count := map[string]int{}
	for _, op := range ops {
		if segs := segments(op.Path); len(segs) > 0 && !strings.Contains(segs[0], "{") {
			count[segs[0]]++
		}
	}
	first := ""
	for seg, n := range count {
		if n > count[first] || n == count[first] && seg < first {
			first = seg
		}
	}
	if first == "" {
		return nil
	}
	base := []string{first}
	for len(base) < 64 {
		next := ""
		for _, op := range ops {
			segs := segments(op.Path)
			if !slices.Equal(segs[:min(len(base), len(segs))], base) || len(segs) <= len(base) {
				continue
			}
			seg := segs[len(base)]
			if strings.Contains(seg, "{") || next != "" && seg != next {
				return base
			}
			next = seg
		}
		if next == "" {
			return base
		}
		base = append(base, next)
	}
	return base
}

// resourceOf is the first literal segment after base and its parameters,
// or "" when the path is not under base or names no resource.
func resourceOf(path string, base []string) string {
	segs := segments(path)
	if len(base) == 0 || len(segs) <= len(base) || !slices.Equal(segs[:len(base)], base) {
		return ""
	}
	for _, seg := range segs[len(base):] {
		if !strings.Contains(seg, "{") && seg != "" {
			return seg
		}
	}
	return ""
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

// mediaSuffix names the method that asks for a media type after its
// subtype: text/csv → "CSV", application/pdf → "PDF",
// application/vnd.ms-excel → "MsExcel"; text/plain is "Text".
func mediaSuffix(mediaType string) string {
	mt, _, _ := strings.Cut(strings.ToLower(mediaType), ";")
	mt = strings.TrimSpace(mt)
	if mt == "text/plain" {
		return "Text"
	}
	_, sub, _ := strings.Cut(mt, "/")
	sub = strings.TrimPrefix(strings.TrimPrefix(sub, "vnd."), "x-")
	if name := Pascal(wordsOf(sub)); name != "" {
		return name
	}
	return "Raw"
}
