package load

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"github.com/pb33f/libopenapi/orderedmap"

	"github.com/oagen-dev/oagen/internal/model"
	"github.com/oagen-dev/oagen/internal/model/naming"
)

func (l *loader) componentParams(c *v3.Components) {
	if c.Parameters == nil {
		return
	}
	for name, p := range c.Parameters.FromOldest() {
		ptr := "#/components/parameters/" + pointerEscape(name)
		l.params[ptr] = l.param(p, ptr, []string{name})
	}
}

func (l *loader) componentBodies(c *v3.Components) {
	if c.RequestBodies == nil {
		return
	}
	for name, rb := range c.RequestBodies.FromOldest() {
		ptr := "#/components/requestBodies/" + pointerEscape(name)
		l.bodies[ptr] = l.requestBody(rb, ptr, []string{name})
	}
}

func (l *loader) componentResponses(c *v3.Components) {
	if c.Responses == nil {
		return
	}
	for name, r := range c.Responses.FromOldest() {
		ptr := "#/components/responses/" + pointerEscape(name)
		l.responses[ptr] = l.response("", r, ptr, []string{name})
	}
}

func (l *loader) securitySchemes(c *v3.Components) {
	if c.SecuritySchemes == nil {
		return
	}
	for name, ss := range c.SecuritySchemes.FromOldest() {
		ptr := "#/components/securitySchemes/" + pointerEscape(name)
		s := &model.SecurityScheme{
			Name: name, Type: ss.Type, Scheme: strings.ToLower(ss.Scheme), In: ss.In, ParamName: ss.Name,
			BearerFormat: ss.BearerFormat, Description: ss.Description, Pointer: ptr, Pos: l.pos(ss.GoLow().RootNode),
			OpenIDConnectURL: ss.OpenIdConnectUrl,
		}
		if f := ss.Flows; f != nil {
			for _, fl := range []struct {
				name string
				flow *v3.OAuthFlow
			}{{"implicit", f.Implicit}, {"password", f.Password}, {"clientCredentials", f.ClientCredentials}, {"authorizationCode", f.AuthorizationCode}, {"deviceAuthorization", f.Device}} {
				if fl.flow == nil {
					continue
				}
				of := model.OAuthFlow{Name: fl.name, AuthorizationURL: fl.flow.AuthorizationUrl, TokenURL: fl.flow.TokenUrl, RefreshURL: fl.flow.RefreshUrl}
				if fl.flow.Scopes != nil {
					for scope := range fl.flow.Scopes.KeysFromOldest() {
						of.Scopes = append(of.Scopes, scope)
					}
				}
				s.Flows = append(s.Flows, of)
			}
		}
		s.Unsupported = unsupportedScheme(s)
		if s.Unsupported != "" {
			l.warnf(s.Pos, ptr, "security scheme %q gets no client option: %s", name, s.Unsupported)
		}
		l.api.SecuritySchemes = append(l.api.SecuritySchemes, s)
	}
}

// httpToken matches an RFC 9110 token: a header, cookie or auth-scheme name.
var httpToken = regexp.MustCompile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")

// unsupportedScheme says why the client cannot send a scheme's credentials,
// or returns "".
func unsupportedScheme(s *model.SecurityScheme) string {
	token := httpToken
	switch s.Type {
	case "apiKey":
		switch s.In {
		case "header", "query", "cookie":
		default:
			return fmt.Sprintf("apiKey location %q is not header, query or cookie", s.In)
		}
		if s.In == "query" && s.ParamName == "" || s.In != "query" && !token.MatchString(s.ParamName) {
			return fmt.Sprintf("apiKey name %q is not a valid %s name", s.ParamName, s.In)
		}
	case "http":
		if !token.MatchString(s.Scheme) {
			return fmt.Sprintf("http scheme %q is not a valid authentication scheme name", s.Scheme)
		}
	case "oauth2", "openIdConnect":
	case "mutualTLS":
		return "mutualTLS is configured on the transport: pass an *http.Client with a client certificate to WithHTTPClient"
	default:
		return fmt.Sprintf("unknown type %q", s.Type)
	}
	return ""
}

func security(reqs []*base.SecurityRequirement) []model.SecurityRequirement {
	if reqs == nil {
		return nil
	}
	out := []model.SecurityRequirement{}
	for _, r := range reqs {
		var req model.SecurityRequirement
		if r.Requirements != nil {
			for name, scopes := range r.Requirements.FromOldest() {
				req.Schemes = append(req.Schemes, model.SchemeUse{Name: name, Scopes: scopes})
			}
		}
		out = append(out, req)
	}
	return out
}

// checkSecurity warns about a requirement that names a scheme that
// components.securitySchemes does not declare: the client never meets it.
func (l *loader) checkSecurity() {
	declared := map[string]bool{}
	for _, s := range l.api.SecuritySchemes {
		declared[s.Name] = true
	}
	check := func(reqs []model.SecurityRequirement, ptr string) {
		for i, r := range reqs {
			for _, u := range r.Schemes {
				if !declared[u.Name] {
					p := fmt.Sprintf("%s/%d/%s", ptr, i, pointerEscape(u.Name))
					l.warnf(l.pos(l.nodeAtPointer(p)), p, "the security requirement names %q, which components.securitySchemes does not declare: the client never sends it", u.Name)
				}
			}
		}
	}
	check(l.api.Security, "#/security")
	for _, op := range l.api.Operations {
		check(op.Security, op.Pointer+"/security")
	}
}

var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace", "query"}

// site is an operation found under paths, webhooks or a callback, before it
// is loaded.
type site struct {
	path, method string
	op           *v3.Operation
	shared       []*v3.Parameter // the path item's parameters
	summary      string          // the path item's, for operations without their own
	description  string
	pathPtr      string // the path item, e.g. "#/paths/~1pets"; its definition when it is a $ref
	ref          string // the path item's $ref, if any
	webhook      bool
	id           string // operationId, or the derived name
	derived      bool
	callback     string           // the callback's key, for an operation of a callback
	parent       *model.Operation // the operation declaring the callback
}

// sites lists the operations of a path item in method order. A path item
// that is a $ref to a shared one (components/pathItems) is loaded as if
// written in place, with the pointers and positions of its definition.
func sites(path string, pi *v3.PathItem, ptr string, webhook bool) []*site {
	ref := ""
	if low := pi.GoLow(); low != nil && low.IsReference() {
		ref = low.GetReference()
		if strings.HasPrefix(ref, "#/") {
			ptr = ref
		}
	}
	byMethod := map[string]*v3.Operation{
		"get": pi.Get, "put": pi.Put, "post": pi.Post, "delete": pi.Delete, "options": pi.Options,
		"head": pi.Head, "patch": pi.Patch, "trace": pi.Trace, "query": pi.Query,
	}
	var out []*site
	for _, m := range methods {
		if op := byMethod[m]; op != nil {
			out = append(out, &site{path: path, method: m, op: op, shared: pi.Parameters, summary: pi.Summary, description: pi.Description,
				pathPtr: ptr, ref: ref, webhook: webhook, id: op.OperationId})
		}
	}
	return out
}

func (l *loader) paths(doc *v3.Document) {
	var all []*site
	if doc.Paths != nil && doc.Paths.PathItems != nil {
		for path, pi := range doc.Paths.PathItems.FromOldest() {
			all = append(all, sites(path, pi, "#/paths/"+pointerEscape(path), false)...)
		}
	}
	if doc.Webhooks != nil {
		for name, pi := range doc.Webhooks.FromOldest() {
			all = append(all, sites(name, pi, "#/webhooks/"+pointerEscape(name), true)...)
		}
	}
	deriveIDs(all)
	seen := map[string]*model.Operation{}
	l.idPos = map[*model.Operation]model.Pos{}
	add := func(op *model.Operation) {
		l.api.Operations = append(l.api.Operations, op)
		if op.IDDerived {
			return
		}
		if first := seen[op.ID]; first != nil {
			l.warns = append(l.warns, &model.Diagnostic{Pos: l.idPos[op], Pointer: op.Pointer + "/operationId",
				Message: fmt.Sprintf("duplicate operationId %q: names are made unique by path", op.ID),
				Related: []model.Related{{Pos: l.idPos[first], Pointer: first.Pointer + "/operationId"}}})
			return
		}
		seen[op.ID] = op
	}
	for _, s := range all {
		op := l.operation(s)
		add(op)
		for _, cb := range l.callbacks(op, s.op, 0) {
			add(cb)
		}
	}
}

// deriveIDs names the operations that have no operationId after their
// method and path (see derivedID), a webhook with one operation after its
// key alone. Where two derived names would give the
// same Go name, or the Go name of an operationId, the operation with the
// earlier path (paths before webhooks), then method, keeps the plain name and
// the others get a numeric suffix: the result does not depend on the order
// of the spec.
func deriveIDs(all []*site) {
	taken := map[string]bool{}
	var derived []*site
	for _, s := range all {
		if s.id != "" {
			taken[naming.Exported(s.id)] = true
			continue
		}
		derived = append(derived, s)
	}
	sort.SliceStable(derived, func(i, j int) bool {
		a, b := derived[i], derived[j]
		if a.webhook != b.webhook {
			return !a.webhook
		}
		if a.path != b.path {
			return a.path < b.path
		}
		return slices.Index(methods, a.method) < slices.Index(methods, b.method)
	})
	methodsOf := map[string]int{} // operations per webhook
	for _, s := range all {
		if s.webhook {
			methodsOf[s.path]++
		}
	}
	for _, s := range derived {
		base := derivedID(s.method, s.path)
		if s.webhook && methodsOf[s.path] == 1 {
			base = s.path // a webhook is named after its key: petAdded
		}
		id := base
		for i := 2; taken[naming.Exported(id)]; i++ {
			id = fmt.Sprintf("%s %d", base, i)
		}
		taken[naming.Exported(id)] = true
		s.id, s.derived = id, true
	}
}

var pathVar = regexp.MustCompile(`\{([^{}]*)\}`)

func (l *loader) operation(s *site) *model.Operation {
	path, method, op, shared, pathPtr, webhook := s.path, s.method, s.op, s.shared, s.pathPtr, s.webhook
	ptr := pathPtr + "/" + method
	o := &model.Operation{
		ID: s.id, IDDerived: s.derived, Method: strings.ToUpper(method), Path: path, Webhook: webhook, Pointer: ptr,
		Pos: l.pos(op.GoLow().KeyNode), Tags: op.Tags, Summary: op.Summary, Description: op.Description,
		Deprecated: isTrue(op.Deprecated), Security: security(op.Security), RefPath: s.ref,
		Callback: s.callback, CallbackOf: s.parent,
	}
	if o.Summary == "" && o.Description == "" {
		o.Summary, o.Description = s.summary, s.description
	}
	if !o.IDDerived {
		l.idPos[o] = l.pos(op.GoLow().OperationId.ValueNode)
	}
	firstType := len(l.api.Types)
	// Operation parameters replace path-item ones with the same name and place.
	var params []*model.Param
	for i, p := range shared {
		params = append(params, l.paramUse(p, fmt.Sprintf("%s/parameters/%d", pathPtr, i), []string{o.ID, p.Name}))
	}
	for i, p := range op.Parameters {
		mp := l.paramUse(p, fmt.Sprintf("%s/parameters/%d", ptr, i), []string{o.ID, p.Name})
		if j := slices.IndexFunc(params, func(q *model.Param) bool { return q.Name == mp.Name && q.In == mp.In }); j >= 0 {
			params[j] = mp
			continue
		}
		params = append(params, mp)
	}
	o.Params = slices.DeleteFunc(params, isReservedHeader)
	if !webhook {
		l.queryInPath(o)
		l.checkPathParams(o)
	}
	if rb := op.RequestBody; rb != nil {
		if low := rb.GoLow(); low != nil && low.IsReference() {
			o.Body = l.bodies[low.GetReference()]
		}
		if o.Body == nil {
			o.Body = l.requestBody(rb, ptr+"/requestBody", []string{o.ID, "request"})
		}
	}
	if op.Responses != nil {
		primary := ""
		if op.Responses.Codes != nil {
			for code := range op.Responses.Codes.KeysFromOldest() {
				if strings.HasPrefix(code, "2") {
					primary = code
					break
				}
			}
			for code, r := range op.Responses.Codes.FromOldest() {
				o.Responses = append(o.Responses, l.responseUse(o, code, primary, r, ptr+"/responses/"+pointerEscape(code)))
			}
		}
		if d := op.Responses.Default; d != nil {
			o.Responses = append(o.Responses, l.responseUse(o, "default", primary, d, ptr+"/responses/default"))
		}
	}
	if webhook {
		l.noteUsage(o, l.api.Types[firstType:])
	}
	return o
}

// derivedID names an operation that has no operationId from its method and
// path: GET /porting_orders/{id}/actions -> "get porting_orders id actions".
func derivedID(method, path string) string {
	path, _, _ = strings.Cut(path, "?") // a query string in the key (see queryInPath)
	words := []string{method}
	for _, seg := range strings.Split(path, "/") {
		seg = strings.Trim(seg, "{}")
		if seg != "" {
			words = append(words, seg)
		}
	}
	return strings.Join(words, " ")
}

// checkPathParams leaves out, with a warning, path parameters that do not
// appear in the path, and reports path template variables with no
// parameter.
func (l *loader) checkPathParams(o *model.Operation) {
	inPath := map[string]bool{}
	for _, m := range pathVar.FindAllStringSubmatch(o.Path, -1) {
		inPath[m[1]] = true
	}
	declared := map[string]bool{}
	kept := o.Params[:0:0]
	for _, p := range o.Params {
		if p.In != model.InPath {
			kept = append(kept, p)
			continue
		}
		if !inPath[p.Name] {
			// Nothing in the URL can carry it: the method has no argument
			// for it. -strict makes this an error.
			l.warnOnce(p.Pos, p.Pointer, "path parameter %q does not appear in the path %q: the method leaves it out", p.Name, o.Path)
			continue
		}
		declared[p.Name] = true
		if !p.Required {
			p.Required = true // path parameters are always required
		}
		kept = append(kept, p)
	}
	o.Params = kept
	for _, m := range pathVar.FindAllStringSubmatch(o.Path, -1) {
		if !declared[m[1]] {
			l.errorf(o.Pos, o.Pointer, "the path %q has {%s} but the operation declares no path parameter %q", o.Path, m[1], m[1])
			declared[m[1]] = true
		}
	}
}

// paramUse loads a parameter where it is used, sharing the loaded component
// for a $ref.
func (l *loader) paramUse(p *v3.Parameter, ptr string, hint []string) *model.Param {
	if low := p.GoLow(); low != nil && low.IsReference() {
		if mp := l.params[low.GetReference()]; mp != nil {
			return mp
		}
	}
	return l.param(p, ptr, hint)
}

// reservedHeaderSource names, for each header OpenAPI says a header
// parameter cannot set, where the client's value comes from.
var reservedHeaderSource = map[string]string{
	"accept":        "from the media types of the responses",
	"content-type":  "from the request body",
	"authorization": "from the credentials of the security schemes",
}

// isReservedHeader reports whether p is an Accept, Content-Type or
// Authorization header parameter, which OpenAPI says is ignored. A spec
// that declares one (often required, on every operation) would otherwise
// make the caller send a value the client already sets, or an empty one.
func isReservedHeader(p *model.Param) bool {
	_, ok := reservedHeaderSource[strings.ToLower(p.Name)]
	return ok && p.In == model.InHeader
}

func (l *loader) param(p *v3.Parameter, ptr string, hint []string) *model.Param {
	mp := &model.Param{
		Name: p.Name, In: model.ParamIn(p.In), Pointer: ptr, Pos: l.pos(p.GoLow().RootNode),
		Required: isTrue(p.Required), Style: p.Style, Description: p.Description, Deprecated: p.Deprecated,
	}
	switch mp.In {
	case model.InPath, model.InQuery, model.InHeader, model.InCookie:
	default:
		l.errorf(mp.Pos, ptr+"/in", "parameter %q is in %q; want path, query, header or cookie", p.Name, p.In)
	}
	if mp.Style == "" {
		mp.Style = "form"
		if mp.In == model.InPath || mp.In == model.InHeader {
			mp.Style = "simple"
		}
	}
	if isReservedHeader(mp) {
		// Warned where it is defined, once.
		l.warnOnce(mp.Pos, ptr, "header parameter %q is ignored, as OpenAPI says: the client sets it %s", p.Name, reservedHeaderSource[strings.ToLower(p.Name)])
	}
	mp.Explode = mp.Style == "form"
	if p.Explode != nil {
		mp.Explode = *p.Explode
	}
	sp, sptr := schemaOrContent(p.Schema, p.Content, ptr)
	u := l.schema(sp, sptr, nil, hint)
	mp.Type, mp.Nullable = u.t, u.nullable
	mp.Examples = l.examples(p.Example, p.Examples, ptr)
	if p.Example != nil {
		mp.Example, _ = l.jsonValue(p.Example)
	} else {
		mp.Example = u.example
	}
	return mp
}

func (l *loader) requestBody(rb *v3.RequestBody, ptr string, hint []string) *model.RequestBody {
	b := &model.RequestBody{Required: isTrue(rb.Required), Description: rb.Description, Pointer: ptr, Pos: l.pos(rb.GoLow().RootNode)}
	b.Contents = l.contents(rb.Content, ptr, hint)
	return b
}

func (l *loader) responseUse(o *model.Operation, code, primary string, r *v3.Response, ptr string) *model.Response {
	if low := r.GoLow(); low != nil && low.IsReference() {
		if shared := l.responses[low.GetReference()]; shared != nil {
			c := *shared
			c.Status = code
			return &c
		}
	}
	hint := []string{o.ID, "response"}
	if code != primary {
		hint = []string{o.ID, code, "response"}
	}
	return l.response(code, r, ptr, hint)
}

func (l *loader) response(code string, r *v3.Response, ptr string, hint []string) *model.Response {
	resp := &model.Response{Status: code, Description: r.Description, Pointer: ptr, Pos: l.pos(r.GoLow().RootNode)}
	resp.Contents = l.contents(r.Content, ptr, hint)
	if r.Headers != nil {
		for name, h := range r.Headers.FromOldest() {
			hptr := ptr + "/headers/" + pointerEscape(name)
			sp, sptr := schemaOrContent(h.Schema, h.Content, hptr)
			u := l.schema(sp, sptr, nil, append(slices.Clone(hint), name))
			resp.Headers = append(resp.Headers, &model.Header{Name: name, Type: u.t, Required: h.Required, Deprecated: h.Deprecated,
				Description: h.Description, Pointer: hptr, Pos: l.pos(h.GoLow().RootNode), Examples: l.examples(h.Example, h.Examples, hptr)})
		}
	}
	return resp
}

func (l *loader) contents(m *orderedmap.Map[string, *v3.MediaType], ptr string, hint []string) []*model.Content {
	if m == nil {
		return nil
	}
	var out []*model.Content
	for ct, mt := range m.FromOldest() {
		cptr := ptr + "/content/" + pointerEscape(ct)
		c := &model.Content{MediaType: ct, Pointer: cptr, Pos: l.pos(mt.GoLow().RootNode)}
		if mt.Schema != nil {
			c.Type = l.schema(mt.Schema, cptr+"/schema", nil, multipartHint(hint, ct, m.Len())).t
		}
		if mt.ItemSchema != nil {
			c.ItemType = l.schema(mt.ItemSchema, cptr+"/itemSchema", nil, append(slices.Clone(hint), "item")).t
		}
		if mt.Encoding != nil {
			for name, e := range mt.Encoding.FromOldest() {
				if e != nil {
					c.Encoding = append(c.Encoding, &model.PartEncoding{Name: name, ContentType: e.ContentType})
				}
			}
		}
		c.Examples = l.examples(mt.Example, mt.Examples, cptr)
		out = append(out, c)
	}
	return out
}

// multipartHint names an inline multipart/form-data schema beside other
// media types after the form (createDocument + multipart + request →
// CreateDocumentMultipartRequest, which CreateDocumentMultipart sends),
// where the JSON schema takes the plain name and the form would get a
// numeric suffix.
func multipartHint(hint []string, mediaType string, contents int) []string {
	if contents < 2 || len(hint) == 0 || !model.IsMultipart(mediaType) {
		return hint
	}
	return append(slices.Clone(hint[:len(hint)-1]), "multipart", hint[len(hint)-1])
}

// examples reads the example and the examples map of a media type, a
// parameter or a header at ptr, in document order. An Example Object
// without a value (an externalValue) is left out.
func (l *loader) examples(example *yaml.Node, examples *orderedmap.Map[string, *base.Example], ptr string) []*model.Example {
	var out []*model.Example
	if example != nil {
		if v, err := l.jsonValue(example); err == nil {
			out = append(out, &model.Example{Value: v, Pointer: ptr + "/example"})
		}
	}
	for name, ex := range examples.FromOldest() {
		if ex == nil || ex.Value == nil {
			continue
		}
		if v, err := l.jsonValue(ex.Value); err == nil {
			out = append(out, &model.Example{Name: name, Value: v, Pointer: ptr + "/examples/" + pointerEscape(name)})
		}
	}
	return out
}

// queryInPath handles a path key with a query string, which OpenAPI does
// not allow but converted specs write (/search?query={query}): the path is
// the part before "?", a {variable} there is the query parameter of that
// name (declared as a string when the operation does not declare it), and a
// literal pair (?action=list) is sent with every call.
func (l *loader) queryInPath(o *model.Operation) {
	path, query, ok := strings.Cut(o.Path, "?")
	if !ok {
		return
	}
	l.warnf(o.Pos, o.Pointer, "the path %q has a query string, which OpenAPI does not allow: the path is %q, and the pairs after \"?\" are query parameters", o.Path, path)
	o.Path = path
	for _, pair := range strings.Split(query, "&") {
		name, value, _ := strings.Cut(pair, "=")
		if name == "" {
			continue
		}
		if m := pathVar.FindStringSubmatch(name); m != nil && m[0] == name {
			// ?{search}=1 (clicksend.com): a path parameter names the
			// query parameter; it is sent as the query parameter "search".
			asQuery(o, m[1], m[1])
			continue
		}
		if m := pathVar.FindStringSubmatch(value); m != nil && m[0] == value {
			if slices.ContainsFunc(o.Params, func(p *model.Param) bool { return p.In == model.InQuery && (p.Name == name || p.Name == m[1]) }) {
				continue
			}
			// The variable is the value of query parameter name.
			asQuery(o, m[1], name)
			if !slices.ContainsFunc(o.Params, func(p *model.Param) bool { return p.In == model.InQuery && p.Name == name }) {
				o.Params = append(o.Params, &model.Param{Name: name, In: model.InQuery, Pointer: o.Pointer, Pos: o.Pos,
					Type: &model.Type{Kind: model.KindString, Pointer: o.Pointer}, Style: "form", Explode: true})
			}
			continue
		}
		// The pair is URL text: the runtime escapes what it sends.
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		if v, err := url.QueryUnescape(value); err == nil {
			value = v
		}
		o.FixedQuery = append(o.FixedQuery, [2]string{name, value})
	}
}

// asQuery makes o's path parameter named from the query parameter named to,
// on a copy: a component parameter is shared with other operations.
func asQuery(o *model.Operation, from, to string) {
	for i, p := range o.Params {
		if p.In == model.InPath && p.Name == from {
			c := *p
			c.In, c.Name, c.Style, c.Explode = model.InQuery, to, "form", true
			o.Params[i] = &c
		}
	}
}

// schemaOrContent is the schema of a parameter or header, written at ptr,
// and its pointer: its schema, or the schema of its first media type when
// it gives one under content instead.
func schemaOrContent(schema *base.SchemaProxy, content *orderedmap.Map[string, *v3.MediaType], ptr string) (*base.SchemaProxy, string) {
	if schema == nil && content != nil {
		for ct, mt := range content.FromOldest() {
			return mt.Schema, ptr + "/content/" + pointerEscape(ct) + "/schema"
		}
	}
	return schema, ptr + "/schema"
}
