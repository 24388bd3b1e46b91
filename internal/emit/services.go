package emit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
	"github.com/oagen-dev/oagen/internal/model/naming"
)

// serviceFile declares one service's methods and parameter structs.
func serviceFile(f *jen.File, s *model.Service) bool {
	declared := serviceMethods(f, s)
	for _, sub := range s.Subs {
		declared = serviceMethods(f, sub) || declared
	}
	return declared
}

// serviceMethods declares the methods of one service, without its
// sub-services'.
func serviceMethods(f *jen.File, s *model.Service) bool {
	for _, op := range s.Operations {
		if op.ParamsType != "" {
			paramsStruct(f, s, op)
		}
		if op.HeadersType != "" {
			headersStruct(f, s, op)
		}
		method(f, s, op)
		if op.StreamName != "" {
			streamMethod(f, s, op)
		}
		if op.MultipartName != "" {
			multipartMethod(f, s, op)
		}
		for _, tw := range op.MediaTwins {
			mediaMethod(f, s, op, tw)
		}
		if op.Pagination != nil {
			pager(f, s, op)
		}
	}
	return len(s.Operations) > 0
}

// serviceFileName is the file a service's methods go in, e.g.
// "porting_orders_service.go". The name ends in "_service" so that a tag
// ending in a GOOS, a GOARCH or "test" ("Windows", "Load Test") cannot turn
// the file into a build-constrained or test file.
//
// A name longer than maxFileStem bytes (a tag of 300 characters; file
// systems take 255) is cut at a character boundary and given a hash of the
// service's whole name, so that two long tags keep two files.
func serviceFileName(s *model.Service) string {
	words := naming.Words(s.GoName)
	for i, w := range words {
		words[i] = strings.ToLower(w)
	}
	stem := strings.Join(words, "_")
	if len(stem) > maxFileStem {
		sum := sha256.Sum256([]byte(s.GoName))
		cut := maxFileStem - 9
		for cut > 0 && !utf8.RuneStart(stem[cut]) {
			cut--
		}
		stem = stem[:cut] + "_" + hex.EncodeToString(sum[:4])
	}
	return stem + "_service.go"
}

// maxFileStem bounds the part of a service file's name taken from its tag.
const maxFileStem = 100

func paramsStruct(f *jen.File, s *model.Service, op *model.Operation) {
	f.Add(comment(fmt.Sprintf("%s holds the query, header and cookie parameters of %s.%s. "+
		"A parameter left unset is not sent.", op.ParamsType, s.Path(), op.GoName)))
	f.Type().Id(op.ParamsType).StructFunc(func(g *jen.Group) {
		first := true
		for _, p := range op.Params {
			if p.In == model.InPath {
				continue
			}
			if !first {
				g.Line()
			}
			first = false
			lines := docLines(p.Description, fieldDocWidth)
			where := fmt.Sprintf("%s parameter %q", p.In, p.Name)
			if p.In == model.InQuery {
				where += fmt.Sprintf(", style %s", p.Style)
				if p.Explode {
					where += ", exploded"
				}
			}
			if p.Required {
				where += ", required"
			}
			if len(lines) > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, "The "+where+".")
			if p.Deprecated {
				lines = append(lines, "", "Deprecated: the spec marks this parameter as deprecated.")
			}
			g.Add(fieldComment(lines...))
			g.Id(p.GoName).Add(paramType(p))
		}
	})
	f.Line()
}

// paramType follows the field idiom: required T, nullable Nullable[T],
// optional Opt[T].
func paramType(p *model.Param) *jen.Statement {
	return fieldType(&model.Field{Type: p.Type, Required: p.Required, Nullable: p.Nullable})
}

// result is what a method returns besides the error.
type result struct {
	typ    *jen.Statement // the Go type; nil when the method returns only an error
	stream bool           // an io.ReadCloser of a non-JSON body
	text   bool           // a string: the whole of a text/* body
	events *jen.Statement // the data type of a stream of server-sent events
	accept string         // the Accept header, when not application/json
}

// isText reports whether a request body is text a method takes as a
// string: a text/* media type (text/plain, text/csv, text/markdown, ...)
// whose schema, if any, is not format: binary. A string is in memory
// already, and can be replayed for retries.
func isText(c *model.Content) bool {
	mt, _, _ := strings.Cut(strings.ToLower(c.MediaType), ";")
	mt = strings.TrimSpace(mt)
	if !strings.HasPrefix(mt, "text/") || mt == "text/event-stream" {
		return false
	}
	t := c.Type.Resolved()
	return t == nil || t.Format != "binary"
}

// isPlainText reports whether a response body is returned as a string:
// text/plain only. Other text types (text/csv, text/html, event streams) are
// often exports, pages or streams of any size, so they stay an
// io.ReadCloser that the caller reads as it arrives.
func isPlainText(c *model.Content) bool {
	mt, _, _ := strings.Cut(strings.ToLower(c.MediaType), ";")
	return strings.TrimSpace(mt) == "text/plain" && isText(c)
}

func methodResult(op *model.Operation) result {
	if c, others := op.EventStream(); c != nil && !others {
		return eventsResult(c)
	}
	for _, r := range op.Responses {
		if !strings.HasPrefix(r.Status, "2") {
			continue
		}
		for _, c := range r.Contents {
			if model.IsJSON(c.MediaType) {
				if c.Type == nil {
					return result{typ: jen.Qual("encoding/json", "RawMessage")}
				}
				return result{typ: goType(c.Type)}
			}
		}
		if len(r.Contents) > 0 {
			return otherResult(r.Contents)
		}
		return result{}
	}
	return result{}
}

// otherResult reads a response of media types none of which is JSON, asking
// for them all: text/plain as a string, anything else as an io.ReadCloser.
func otherResult(contents []*model.Content) result {
	types := make([]string, len(contents))
	text := true
	for i, c := range contents {
		types[i] = c.MediaType
		text = text && isPlainText(c)
	}
	if text {
		return result{typ: jen.String(), text: true, accept: strings.Join(types, ", ")}
	}
	return result{typ: jen.Qual("io", "ReadCloser"), stream: true, accept: strings.Join(types, ", ")}
}

// body is how a method takes its request body.
type body struct {
	content *model.Content
	kind    string // "json", "form", "multipart", "text" or "raw"
}

func methodBody(op *model.Operation) *body {
	if op.Body == nil || len(op.Body.Contents) == 0 {
		return nil
	}
	pick := func(match func(string) bool, kind string) *body {
		for _, c := range op.Body.Contents {
			if match(c.MediaType) {
				return &body{content: c, kind: kind}
			}
		}
		return nil
	}
	mediaIs := func(want string) func(string) bool {
		return func(mt string) bool { return strings.HasPrefix(strings.ToLower(mt), want) }
	}
	for _, b := range []*body{
		pick(model.IsJSON, "json"),
		pick(mediaIs("application/x-www-form-urlencoded"), "form"),
		pick(model.IsMultipart, "multipart"),
		jsonInRange(op.Body.Contents),
	} {
		if b != nil && b.content.Type != nil {
			return b
		}
	}
	for _, c := range op.Body.Contents {
		if isText(c) {
			return &body{content: c, kind: "text"}
		}
	}
	return &body{content: op.Body.Contents[0], kind: "raw"}
}

// jsonInRange picks a body under a media range (*/*, application/*) whose
// schema gives it a JSON shape: an object, an array, a union, a number, a
// boolean. Such a body is sent as JSON, which the range admits; sent as is,
// a struct could not be, and "Content-Type: */*" is refused by servers. A
// string (a file, binary or not) or an untyped schema stays a stream.
func jsonInRange(contents []*model.Content) *body {
	for _, c := range contents {
		if !model.IsWildcard(c.MediaType) || strings.HasPrefix(strings.ToLower(c.MediaType), "text/") {
			continue
		}
		if t := c.Type.Resolved(); t != nil && t.Kind != model.KindAny && t.Kind != model.KindString {
			return &body{content: c, kind: "json"}
		}
	}
	return nil
}

// contentType is the Content-Type a raw or text body goes out with: its
// media type, or for a range the type it stands for, since a range is no
// media type (text/* is text/plain; */*, application/* are octets).
func contentType(mediaType string) string {
	if !model.IsWildcard(mediaType) {
		return mediaType
	}
	if strings.HasPrefix(strings.ToLower(mediaType), "text/") {
		return "text/plain"
	}
	return "application/octet-stream"
}

func (b *body) goType(required bool) *jen.Statement {
	var t *jen.Statement
	switch b.kind {
	case "raw":
		return jen.Qual("io", "Reader")
	case "text":
		t = jen.String()
	default:
		t = goType(b.content.Type)
	}
	if !required {
		switch b.optional() {
		case "pointer":
			return jen.Op("*").Add(t)
		}
	}
	return t
}

// optional is how a method takes an optional body: "pointer" (nil sends
// nothing) for a struct, union or scalar; "zero" for what has a zero value
// that reads as "none": a nil slice, map or io.Reader, an empty string for
// text. So no call wraps its body, and none can send a body it did not
// mean to.
func (b *body) optional() string {
	switch b.kind {
	case "raw", "text":
		return "zero"
	}
	switch t := b.content.Type.Resolved(); {
	case t == nil:
		return "pointer"
	case t.Kind == model.KindArray || t.Kind == model.KindMap:
		return "zero"
	}
	return "pointer"
}

// localName is naming.Local: a parameter name that shadows nothing.
func localName(name string, taken map[string]bool) string { return naming.Local(name, taken) }

// locals names the parameters of one generated method so that none shadows
// an import, a builtin or another local.
func locals() map[string]bool {
	taken := map[string]bool{}
	for _, n := range []string{"s", "ctx", "opts", "r", "out", "err", "params", "body", "context", "http", "io",
		"iter", "json", "time", "url", "strings", "fmt", "v", "ok", "page", "res"} {
		taken[n] = true
	}
	return taken
}

func methodDoc(s *model.Service, op *model.Operation) []string {
	return methodDocAs(op, op.GoName, "")
}

// methodDocAs is the doc of method name of op, a twin of op.GoName whose
// first line says how it differs (how, e.g. "with a multipart/form-data
// body"; "" for op.GoName itself).
func methodDocAs(op *model.Operation, name, how string) []string {
	first := fmt.Sprintf("%s calls %s %s", name, op.Method, sanitizeLine(op.Path))
	if !op.IDDerived {
		first += fmt.Sprintf(" (%s)", sanitizeLine(op.ID))
	}
	if how != "" {
		first += " " + how
	}
	if op.Summary != "" {
		first += ": " + sanitizeLine(op.Summary)
	}
	lines := []string{strings.TrimRight(first, ".") + "."}
	if d := docLines(op.Description, docWidth); len(d) > 0 {
		lines = append(lines, "")
		lines = append(lines, d...)
	}
	if sec := securityDoc(op); len(sec) > 0 {
		lines = append(lines, "")
		lines = append(lines, sec...)
	}
	if op.HeadersType != "" {
		lines = append(lines, "", fmt.Sprintf("The headers of its response are typed in %s: pass WithResponseHeaders(&h) to fill one.", op.HeadersType))
	}
	if d := errorBodiesDoc(op); d != nil {
		lines = append(lines, "")
		lines = append(lines, d...)
	}
	if len(op.Callbacks) > 0 {
		lines = append(lines, "", "The API calls back (the client has no method for these; their types serve a handler):")
		for _, cb := range op.Callbacks {
			line := fmt.Sprintf("  - %s: %s %s", sanitizeLine(cb.Callback), cb.Method, sanitizeLine(cb.Path))
			if b := methodBody(cb); b != nil && b.content.Type.IsNamed() {
				line += ", body " + b.content.Type.GoName
			}
			lines = append(lines, line)
		}
	}
	if op.Deprecated {
		lines = append(lines, "", "Deprecated: the spec marks this operation as deprecated.")
	}
	return lines
}

func method(f *jen.File, s *model.Service, op *model.Operation) {
	res, doc := methodResult(op), methodDoc(s, op)
	if res.events != nil {
		doc = append(doc, "", eventsDoc)
	}
	if op.MultipartName != "" {
		doc = append(doc, "")
		doc = append(doc, fmt.Sprintf("It sends the body as JSON; %s sends it as multipart/form-data, the form that carries files.", op.MultipartName))
	}
	if len(op.MediaTwins) > 0 {
		doc = append(doc, "")
		doc = append(doc, "It asks for the JSON response (Accept: application/json); "+mediaTwinList(op)+".")
	}
	emitMethod(f, s, op, op.GoName, res, doc)
}

// emitMethod declares the method name of op that returns res.
func emitMethod(f *jen.File, s *model.Service, op *model.Operation, name string, res result, doc []string) {
	emitMethodBody(f, s, op, name, res, doc, methodBody(op))
}

// emitMethodBody declares the method name of op that sends b (nil: no
// body) and returns res.
func emitMethodBody(f *jen.File, s *model.Service, op *model.Operation, name string, res result, doc []string, b *body) {
	taken := locals()
	var args []jen.Code
	args = append(args, jen.Id("ctx").Qual("context", "Context"))
	type pathArg struct {
		local string
		param *model.Param
	}
	var pathArgs []pathArg
	for _, p := range op.Params {
		if p.In == model.InPath {
			a := pathArg{localName(p.Name, taken), p}
			pathArgs = append(pathArgs, a)
			args = append(args, jen.Id(a.local).Add(goType(p.Type)))
		}
	}
	if op.ParamsType != "" {
		args = append(args, jen.Id("params").Id(op.ParamsType))
	}
	required := op.Body != nil && op.Body.Required
	if b != nil {
		args = append(args, jen.Id("body").Add(b.goType(required)))
	}
	args = append(args, jen.Id("opts").Op("...").Id("Option"))
	var results []jen.Code
	switch {
	case res.events != nil:
		results = []jen.Code{jen.Op("*").Id("EventStream").Types(res.events.Clone()), jen.Error()}
	case res.stream, res.text:
		results = []jen.Code{res.typ.Clone(), jen.Error()}
	case res.typ != nil:
		results = []jen.Code{jen.Op("*").Add(res.typ.Clone()), jen.Error()}
	default:
		results = []jen.Code{jen.Error()}
	}

	f.Add(comment(doc...))
	f.Func().Params(jen.Id("s").Op("*").Id(s.TypeName)).Id(name).Params(args...).Params(results...).BlockFunc(func(g *jen.Group) {
		g.Id("r").Op(":=").Id("newRequest").Call(jen.Lit(op.Method), jen.Lit(op.Path))
		if sec := operationSecurity(op); sec != nil {
			g.Add(sec)
		}
		for _, e := range errorBodies(op) {
			decode := jen.Nil() // documented without a JSON schema
			if e.typ != nil {
				decode = jen.Id("decodeErrorBody").Types(goType(e.typ))
			}
			g.Id("r").Dot("errorBody").Call(jen.Lit(e.status), decode)
		}
		for _, a := range pathArgs {
			g.Id("r").Dot("pathParam").Call(jen.Lit(a.param.Name), jen.Id(a.local))
		}
		for _, q := range op.FixedQuery {
			g.Id("r").Dot("queryParam").Call(jen.Lit(q[0]), jen.Lit(q[1]), jen.Lit("form"), jen.True())
		}
		for _, p := range op.Params {
			value := jen.Id("params").Dot(p.GoName)
			switch p.In {
			case model.InQuery:
				g.Id("r").Dot("queryParam").Call(jen.Lit(p.Name), value, jen.Lit(p.Style), jen.Lit(p.Explode))
			case model.InHeader:
				g.Id("r").Dot("header").Call(jen.Lit(p.Name), value)
			case model.InCookie:
				g.Id("r").Dot("cookie").Call(jen.Lit(p.Name), value)
			}
		}
		if b != nil {
			// send sends the body value v; fields reaches its fields (the
			// pointer itself for an optional body: Go dereferences it).
			send := func(v, fields jen.Code) jen.Code {
				switch b.kind {
				case "form":
					return jen.Id("r").Dot("formBody").Call(v)
				case "multipart":
					if parts := multipartParts(b.content, fields, v); parts != nil {
						return parts
					}
					return jen.Id("r").Dot("multipartValue").Call(v)
				case "raw":
					return jen.Id("r").Dot("rawBody").Call(jen.Lit(contentType(b.content.MediaType)), v)
				case "text":
					return jen.Id("r").Dot("rawBody").Call(jen.Lit(contentType(b.content.MediaType)), jen.Qual("strings", "NewReader").Call(v))
				}
				return jen.Id("r").Dot("jsonBody").Call(v)
			}
			switch {
			case required:
				g.Add(send(jen.Id("body"), jen.Id("body")))
			case b.optional() == "pointer":
				g.If(jen.Id("body").Op("!=").Nil()).Block(send(jen.Op("*").Id("body"), jen.Id("body")))
			case b.kind == "text":
				g.If(jen.Id("body").Op("!=").Lit("")).Block(send(jen.Id("body"), jen.Id("body")))
			default:
				g.If(jen.Id("body").Op("!=").Nil()).Block(send(jen.Id("body"), jen.Id("body")))
			}
		}
		if res.accept != "" {
			g.Id("r").Dot("accept").Call(jen.Lit(res.accept))
		}
		switch {
		case res.events != nil:
			g.Var().Id("out").Qual("io", "ReadCloser")
			g.If(jen.Id("err").Op(":=").Id("s").Dot("core").Dot("do").Call(jen.Id("ctx"), jen.Id("r"), jen.Op("&").Id("out"), jen.Id("opts")), jen.Id("err").Op("!=").Nil()).Block(
				jen.Return(jen.Nil(), jen.Id("err")),
			)
			g.Return(jen.Id("newEventStream").Types(res.events.Clone()).Call(jen.Id("out")), jen.Nil())
		case res.text:
			g.Var().Id("out").Index().Byte()
			g.If(jen.Id("err").Op(":=").Id("s").Dot("core").Dot("do").Call(jen.Id("ctx"), jen.Id("r"), jen.Op("&").Id("out"), jen.Id("opts")), jen.Id("err").Op("!=").Nil()).Block(
				jen.Return(jen.Lit(""), jen.Id("err")),
			)
			g.Return(jen.String().Call(jen.Id("out")), jen.Nil())
		case res.stream:
			g.Var().Id("out").Qual("io", "ReadCloser")
			g.If(jen.Id("err").Op(":=").Id("s").Dot("core").Dot("do").Call(jen.Id("ctx"), jen.Id("r"), jen.Op("&").Id("out"), jen.Id("opts")), jen.Id("err").Op("!=").Nil()).Block(
				jen.Return(jen.Nil(), jen.Id("err")),
			)
			g.Return(jen.Id("out"), jen.Nil())
		case res.typ != nil:
			g.Var().Id("out").Add(res.typ.Clone())
			g.If(jen.Id("err").Op(":=").Id("s").Dot("core").Dot("do").Call(jen.Id("ctx"), jen.Id("r"), jen.Op("&").Id("out"), jen.Id("opts")), jen.Id("err").Op("!=").Nil()).Block(
				jen.Return(jen.Nil(), jen.Id("err")),
			)
			g.Return(jen.Op("&").Id("out"), jen.Nil())
		default:
			g.Return(jen.Id("s").Dot("core").Dot("do").Call(jen.Id("ctx"), jen.Id("r"), jen.Nil(), jen.Id("opts")))
		}
	})
	f.Line()
}

// errorResponse is the type the spec gives the error response of a status.
type errorResponse struct {
	status string // "404", "4XX" or "default"
	typ    *model.Type
}

// errorBodies are the error responses of op (every status but 2XX) with a
// JSON schema, in document order: the *APIError of such a status decodes its
// body into the type, for APIError.Value. A response without one has a nil
// typ when a broader typed response (its class, default) is also there: it
// is more specific, so its status decodes into nothing rather than into the
// broader type.
func errorBodies(op *model.Operation) []errorResponse {
	var out []errorResponse
	typedClass, typedDefault := map[byte]bool{}, false
	for _, r := range op.Responses {
		if strings.HasPrefix(r.Status, "2") {
			continue
		}
		e := errorResponse{status: r.Status}
		for _, c := range r.Contents {
			if model.IsJSON(c.MediaType) && c.Type != nil {
				e.typ = c.Type
				break
			}
		}
		if e.typ != nil {
			if r.Status == "default" {
				typedDefault = true
			} else if len(r.Status) == 3 && strings.EqualFold(r.Status[1:], "XX") {
				typedClass[r.Status[0]] = true
			}
		}
		out = append(out, e)
	}
	return slices.DeleteFunc(out, func(e errorResponse) bool {
		if e.typ != nil {
			return false
		}
		class := len(e.status) == 3 && strings.EqualFold(e.status[1:], "XX")
		covered := typedDefault && e.status != "default" || !class && len(e.status) == 3 && typedClass[e.status[0]]
		return !covered
	})
}

// errorBodiesDoc says which types the error bodies of op decode into, as
// one paragraph; nil when none does.
func errorBodiesDoc(op *model.Operation) []string {
	bodies := slices.DeleteFunc(errorBodies(op), func(e errorResponse) bool { return e.typ == nil })
	if len(bodies) == 0 {
		return nil
	}
	// One entry per type, in order of first use: *NumbersErrors for 400, 404 and 422.
	var types []string
	statuses := map[string][]string{}
	for _, e := range bodies {
		t := fmt.Sprintf("*%#v", goType(e.typ))
		if statuses[t] == nil {
			types = append(types, t)
		}
		status := sanitizeLine(e.status)
		if e.status == "default" {
			status = "any other"
		}
		statuses[t] = append(statuses[t], status)
	}
	parts := make([]string, len(types))
	for i, t := range types {
		st := statuses[t]
		list := st[0]
		if n := len(st); n > 1 {
			list = strings.Join(st[:n-1], ", ") + " and " + st[n-1]
		}
		parts[i] = t + " for " + list
	}
	return []string{"An *APIError's body decodes into the type the spec gives its status (APIError.Value, AsErrorBody): " + strings.Join(parts, ", ") + "."}
}
