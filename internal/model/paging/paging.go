// Package paging decides how a list operation pages: from the spec's
// parameter and member names (Detect), or as oagen.yaml declares it
// (Declare). It fills model.Pagination; the emitter only prints it.
//
// Detection recognises the common schemes by name, and only when every part
// the iterator needs is there with the right type: an operation that merely
// looks similar gets no iterator rather than a wrong one. Names are compared
// without case and punctuation, so page_token, pageToken and page[token]
// are one name.
package paging

import (
	"fmt"
	"slices"
	"strings"

	"github.com/oagen-dev/oagen/internal/model"
)

// Names the detection knows, normalised (see norm).
var (
	itemNames      = []string{"data", "items", "results", "records", "entries", "values", "elements", "objects", "list"}
	containerNames = []string{"meta", "pagination", "paging", "links", "_links", "pageinfo", "responsemetadata", "metadata"}
	hasMoreNames   = []string{"hasmore", "hasnextpage", "hasnext", "more"}
	totalPageNames = []string{"totalpages", "pagecount", "numpages", "lastpage", "pages"}
	totalItemNames = []string{"total", "totalcount", "totalresults", "totalitems", "totalrecords", "totalentries"}
	nextURLNames   = []string{"next", "nexturl", "nextpageurl", "nextpageuri", "nextlink", "odatanextlink", "nextpage"}
	nextTokenNames = []string{"nextcursor", "nextpagetoken", "nexttoken", "nextpagecursor", "endcursor", "continuationtoken", "nextcontinuationtoken", "nextmarker"}
	cursorParams   = []string{"cursor", "pagetoken", "pagecursor", "nextpagetoken", "nextcursor", "nexttoken", "continuationtoken", "marker", "after", "pageafter", "startingafter", "startcursor"}
	lastIDParams   = []string{"startingafter", "after", "pageafter"}
	offsetParams   = []string{"offset", "skip", "pageoffset"}
	pageParams     = []string{"page", "pagenumber", "pagenum", "pageno", "pageindex"}
)

// norm folds a name for comparison: lower case, letters and digits only.
func norm(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Detect returns how op pages, or nil when it is no list oagen can iterate.
// Only a GET is considered; the first scheme that fits wins, in this order:
// a Link header, a next URL in the body, a cursor from the body, the last
// item's id with has_more, an offset, a page number.
func Detect(op *model.Operation) *model.Pagination {
	if op.Method != "GET" || op.Webhook {
		return nil
	}
	resp := primaryJSON(op)
	if resp == nil {
		return nil
	}
	items, ok := findItems(resp)
	if !ok {
		return nil
	}
	p := &model.Pagination{Response: resp, Items: items, HasMore: find(resp, hasMoreNames, isBool)}
	if hasLinkHeader(op) {
		p.Scheme = model.PageLinkHeader
		return p
	}
	cursor := findParam(op, cursorParams, isCursor)
	if next := findNextURL(resp); next != nil && !(cursor != nil && looksLikeToken(next)) {
		p.Scheme, p.Next = model.PageNextURL, next
		return p
	}
	if cursor != nil {
		if next := find(resp, append(slices.Clone(nextTokenNames), "next", "cursor"), isCursor); next != nil && sameKind(next[len(next)-1].Type, cursor.Type) {
			p.Scheme, p.PageParam, p.Next = model.PageCursor, cursor, next
			return p
		}
	}
	if p.HasMore != nil {
		if prm := findParam(op, lastIDParams, isCursor); prm != nil {
			if id := itemID(resp, items, prm); id != nil {
				p.Scheme, p.PageParam, p.ItemID = model.PageCursor, prm, id
				return p
			}
		}
	}
	if prm := findParam(op, offsetParams, isInteger); prm != nil {
		p.Scheme, p.PageParam, p.Total = model.PageOffset, prm, find(resp, totalItemNames, isInteger)
		return p
	}
	if prm, number := findPageParam(op); prm != nil {
		p.Scheme, p.PageParam, p.NumberField, p.Total = model.PageNumber, prm, number, find(resp, totalPageNames, isInteger)
		return p
	}
	return nil
}

// looksLikeToken reports whether a next member found as a URL is rather a
// cursor: a plain "next" outside links, neither declared a URI nor described
// as a URL, path or link, when the operation takes a cursor parameter.
func looksLikeToken(next model.FieldPath) bool {
	last := next[len(next)-1]
	if norm(last.Name) != "next" || strings.Contains(resolved(last.Type).Format, "ur") {
		return false
	}
	desc := strings.ToLower(last.Description + " " + resolved(last.Type).Description)
	for _, word := range []string{"url", "uri", "path", "link"} {
		if strings.Contains(desc, word) {
			return false
		}
	}
	return len(next) == 1 || !strings.Contains(norm(next[0].Name), "links")
}

// primaryJSON is the type of the first 2xx response's JSON content.
func primaryJSON(op *model.Operation) *model.Type {
	for _, r := range op.Responses {
		if !strings.HasPrefix(r.Status, "2") {
			continue
		}
		for _, c := range r.Contents {
			if model.IsJSON(c.MediaType) && c.Type != nil {
				return c.Type
			}
		}
		return nil
	}
	return nil
}

func hasLinkHeader(op *model.Operation) bool {
	for _, r := range op.Responses {
		if !strings.HasPrefix(r.Status, "2") {
			continue
		}
		for _, h := range r.Headers {
			if strings.EqualFold(h.Name, "Link") {
				return true
			}
		}
	}
	return false
}

func resolved(t *model.Type) *model.Type {
	if t = t.Resolved(); t == nil {
		return &model.Type{Kind: model.KindAny}
	}
	return t
}

func isInteger(t *model.Type) bool { return resolved(t).Kind == model.KindInteger }
func isBool(t *model.Type) bool    { return resolved(t).Kind == model.KindBoolean }
func isString(t *model.Type) bool  { return resolved(t).Kind == model.KindString }
func isArray(t *model.Type) bool   { return resolved(t).Kind == model.KindArray }
func isStruct(t *model.Type) bool  { return resolved(t).Kind == model.KindStruct && !resolved(t).Tuple }

// isCursor: a cursor is a string or an integer.
func isCursor(t *model.Type) bool { return isString(t) || isInteger(t) }

func sameKind(a, b *model.Type) bool { return resolved(a).Kind == resolved(b).Kind }

// usable reports whether a member can be read on the way to a page's parts:
// not through a pointer (a struct containing itself), which may be nil.
func usable(f *model.Field) bool { return !f.Indirect }

// findItems finds the array of results: the body itself, a member with a
// usual name, or the one array member of the body.
func findItems(resp *model.Type) (model.FieldPath, bool) {
	if isArray(resp) {
		return nil, true
	}
	if !isStruct(resp) {
		return nil, false
	}
	var arrays []*model.Field
	for _, f := range resolved(resp).Fields {
		if isArray(f.Type) && usable(f) {
			if slices.Contains(itemNames, norm(f.Name)) {
				return model.FieldPath{f}, true
			}
			arrays = append(arrays, f)
		}
	}
	if len(arrays) == 1 {
		return model.FieldPath{arrays[0]}, true
	}
	return nil, false
}

// find looks for a member named one of names, of a type ok accepts, at the
// top of the body and then in its usual containers (meta, pagination, ...).
// The order of names is the order of preference.
func find(resp *model.Type, names []string, ok func(*model.Type) bool) model.FieldPath {
	for _, name := range names {
		if f := member(resp, name, ok); f != nil {
			return model.FieldPath{f}
		}
	}
	for _, c := range resolved(resp).Fields {
		if !slices.Contains(containerNames, norm(c.Name)) || !isStruct(c.Type) || !usable(c) {
			continue
		}
		for _, name := range names {
			if f := member(c.Type, name, ok); f != nil {
				return model.FieldPath{c, f}
			}
		}
	}
	return nil
}

func member(t *model.Type, name string, ok func(*model.Type) bool) *model.Field {
	for _, f := range resolved(t).Fields {
		if norm(f.Name) == name && ok(f.Type) && usable(f) {
			return f
		}
	}
	return nil
}

// findNextURL finds a next-page URL: a string, or a link object's href
// (HAL's _links.next.href).
func findNextURL(resp *model.Type) model.FieldPath {
	if p := find(resp, nextURLNames, isString); p != nil {
		return p
	}
	p := find(resp, nextURLNames, isStruct)
	if p == nil {
		return nil
	}
	if href := member(p[len(p)-1].Type, "href", isString); href != nil {
		return append(p, href)
	}
	return nil
}

// findParam finds a plain query parameter named one of names, in that order
// of preference, of a type ok accepts.
func findParam(op *model.Operation, names []string, ok func(*model.Type) bool) *model.Param {
	for _, name := range names {
		for _, prm := range op.Params {
			if prm.In == model.InQuery && prm.Style != "deepObject" && norm(prm.Name) == name && ok(prm.Type) {
				return prm
			}
		}
	}
	return nil
}

// findPageParam finds the page number: a query parameter page, page_number,
// page[number], ..., or the number property of a deepObject "page".
func findPageParam(op *model.Operation) (*model.Param, *model.Field) {
	if prm := findParam(op, pageParams, isInteger); prm != nil {
		return prm, nil
	}
	for _, prm := range op.Params {
		if prm.In == model.InQuery && prm.Style == "deepObject" && norm(prm.Name) == "page" {
			if f := member(prm.Type, "number", isInteger); f != nil {
				return prm, f
			}
		}
	}
	return nil, nil
}

// itemID is the id member of the items, when its kind is the parameter's.
func itemID(resp *model.Type, items model.FieldPath, prm *model.Param) *model.Field {
	elem, nullable := itemType(resp, items)
	if nullable || elem == nil || !isStruct(elem) {
		return nil
	}
	if f := member(elem, "id", isCursor); f != nil && sameKind(f.Type, prm.Type) {
		return f
	}
	return nil
}

// itemType is the element type of the items array, and whether elements
// may be null.
func itemType(resp *model.Type, items model.FieldPath) (*model.Type, bool) {
	arr := resp
	if len(items) > 0 {
		arr = items[len(items)-1].Type
	}
	a := resolved(arr)
	return a.Elem, a.ElemNullable
}

// Declaration is what oagen.yaml says of one operation. An empty member is
// detected as Detect would, within the declared scheme.
type Declaration struct {
	Scheme  string // one of model.PageSchemes
	Param   string // the query parameter's name, e.g. "cursor" or "page[number]"
	Items   string // a dotted member path, e.g. "data"; "." for the body itself
	Next    string // cursor or next-url: the member with the next cursor or URL
	ID      string // cursor: the member of an item whose value is the next cursor
	HasMore string // a boolean member
	Total   string // page: the number of pages; offset: the number of items
}

// Problem is what is wrong with a Declaration: the key at fault ("" for the
// operation itself) and why.
type Problem struct {
	Key     string
	Message string
}

func problem(key, format string, args ...any) *Problem {
	return &Problem{Key: key, Message: fmt.Sprintf(format, args...)}
}

// Declare builds the pagination d declares for op, or says what is wrong.
func Declare(op *model.Operation, d Declaration) (*model.Pagination, *Problem) {
	scheme := model.PageScheme(d.Scheme)
	if !slices.Contains(model.PageSchemes, scheme) {
		return nil, problem("scheme", "unknown scheme %q: use one of %s, or off", d.Scheme, schemeList())
	}
	if op.Webhook {
		return nil, problem("", "%s is a webhook: the client has no method to iterate", op.ID)
	}
	if op.Body != nil && len(op.Body.Contents) > 0 {
		return nil, problem("", "%s takes a request body: only an operation without one gets an iterator", op.ID)
	}
	resp := primaryJSON(op)
	if resp == nil {
		return nil, problem("", "%s has no JSON success response to read pages from", op.ID)
	}
	p := &model.Pagination{Scheme: scheme, Response: resp, Declared: true}
	var bad *Problem
	path := func(key, value string, want string, ok func(*model.Type) bool) model.FieldPath {
		if bad != nil || value == "" {
			return nil
		}
		fp, err := resolvePath(resp, value, want, ok)
		if err != "" {
			bad = problem(key, "%s", err)
		}
		return fp
	}
	// Items.
	switch {
	case d.Items == ".":
		if !isArray(resp) {
			return nil, problem("items", "the response of %s is not an array: name the member that holds the items", op.ID)
		}
	case d.Items != "":
		p.Items = path("items", d.Items, "an array", isArray)
	default:
		items, ok := findItems(resp)
		if !ok {
			return nil, problem("items", "no array of results found in the response of %s: name it with items", op.ID)
		}
		p.Items = items
	}
	p.HasMore = path("has-more", d.HasMore, "a boolean", isBool)
	if bad != nil {
		return nil, bad
	}
	if d.HasMore == "" {
		p.HasMore = find(resp, hasMoreNames, isBool)
	}
	notFor := func(key, value string) *Problem {
		if value == "" {
			return nil
		}
		return problem(key, "%s is not used by the %s scheme", key, scheme)
	}
	switch scheme {
	case model.PageNumber, model.PageOffset:
		if pr := cmpOr(notFor("next", d.Next), notFor("id", d.ID)); pr != nil {
			return nil, pr
		}
		names, totals := pageParams, totalPageNames
		if scheme == model.PageOffset {
			names, totals = offsetParams, totalItemNames
		}
		p.Total = path("total", d.Total, "an integer", isInteger)
		if bad != nil {
			return nil, bad
		}
		if d.Total == "" {
			p.Total = find(resp, totals, isInteger)
		}
		switch {
		case d.Param != "":
			prm, field, pr := namedParam(op, d.Param, isInteger, "an integer")
			if pr != nil {
				return nil, pr
			}
			p.PageParam, p.NumberField = prm, field
		case scheme == model.PageNumber:
			p.PageParam, p.NumberField = findPageParam(op)
		default:
			p.PageParam = findParam(op, names, isInteger)
		}
		if p.PageParam == nil {
			return nil, problem("param", "no %s parameter found in %s: name it with param", scheme, op.ID)
		}
	case model.PageCursor:
		if pr := notFor("total", d.Total); pr != nil {
			return nil, pr
		}
		if d.Next != "" && d.ID != "" {
			return nil, problem("id", "give next or id, not both: the next cursor is read from one place")
		}
		if d.Param != "" {
			prm, field, pr := namedParam(op, d.Param, isCursor, "a string or an integer")
			if pr != nil {
				return nil, pr
			}
			if field != nil {
				return nil, problem("param", "the cursor must be a parameter of its own, not a property of %s", prm.Name)
			}
			p.PageParam = prm
		} else if p.PageParam = findParam(op, cursorParams, isCursor); p.PageParam == nil {
			return nil, problem("param", "no cursor parameter found in %s: name it with param", op.ID)
		}
		switch {
		case d.ID != "":
			elem, nullable := itemType(resp, p.Items)
			f := member(elem, norm(d.ID), isCursor)
			if nullable || f == nil || f.Name != d.ID {
				return nil, problem("id", "the items of %s have no string or integer member %q", op.ID, d.ID)
			}
			p.ItemID = f
		case d.Next != "":
			p.Next = path("next", d.Next, "a string or an integer", isCursor)
		default:
			if p.Next = find(resp, append(slices.Clone(nextTokenNames), "next", "cursor"), isCursor); p.Next == nil {
				p.ItemID = itemID(resp, p.Items, p.PageParam)
			}
			if p.Next == nil && p.ItemID == nil {
				return nil, problem("next", "no next cursor found in the response of %s: name its member with next, or the item's with id", op.ID)
			}
		}
		if bad != nil {
			return nil, bad
		}
		cursor := p.ItemID
		if p.Next != nil {
			cursor = p.Next[len(p.Next)-1]
		}
		if !sameKind(cursor.Type, p.PageParam.Type) {
			return nil, problem("param", "parameter %s is %s but the cursor %s is %s", p.PageParam.Name, resolved(p.PageParam.Type).Kind, cursor.Name, resolved(cursor.Type).Kind)
		}
		if p.ItemID != nil && p.HasMore == nil {
			return nil, problem("has-more", "a cursor taken from the last item needs a boolean has-more member to end on; none found in the response of %s", op.ID)
		}
	case model.PageNextURL, model.PageLinkHeader:
		if pr := cmpOr(notFor("param", d.Param), notFor("id", d.ID), notFor("total", d.Total)); pr != nil {
			return nil, pr
		}
		if scheme == model.PageLinkHeader {
			if pr := notFor("next", d.Next); pr != nil {
				return nil, pr
			}
			break
		}
		p.Next = path("next", d.Next, "a string", isString)
		if bad != nil {
			return nil, bad
		}
		if d.Next == "" {
			if p.Next = findNextURL(resp); p.Next == nil {
				return nil, problem("next", "no next URL found in the response of %s: name its member with next", op.ID)
			}
		}
	}
	return p, nil
}

func cmpOr(ps ...*Problem) *Problem {
	for _, p := range ps {
		if p != nil {
			return p
		}
	}
	return nil
}

func schemeList() string {
	names := make([]string, len(model.PageSchemes))
	for i, s := range model.PageSchemes {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// namedParam finds the query parameter name, or name "a[b]" as property b of
// the deepObject parameter a.
func namedParam(op *model.Operation, name string, ok func(*model.Type) bool, want string) (*model.Param, *model.Field, *Problem) {
	var query []string
	for _, prm := range op.Params {
		if prm.In != model.InQuery {
			continue
		}
		query = append(query, prm.Name)
		if prm.Name == name && prm.Style != "deepObject" {
			if !ok(prm.Type) {
				return nil, nil, problem("param", "query parameter %s of %s is %s, not %s", name, op.ID, resolved(prm.Type).Kind, want)
			}
			return prm, nil, nil
		}
		if outer, inner, found := strings.Cut(strings.TrimSuffix(name, "]"), "["); found && prm.Name == outer && prm.Style == "deepObject" {
			for _, f := range resolved(prm.Type).Fields {
				if f.Name == inner {
					if !ok(f.Type) {
						return nil, nil, problem("param", "query parameter %s of %s is %s, not %s", name, op.ID, resolved(f.Type).Kind, want)
					}
					return prm, f, nil
				}
			}
		}
	}
	list := "none"
	if len(query) > 0 {
		list = strings.Join(query, ", ")
	}
	return nil, nil, problem("param", "%s has no query parameter %q; its query parameters: %s", op.ID, name, list)
}

// resolvePath walks a dotted member path from the response type. The error
// says which step failed, and what is there instead.
func resolvePath(resp *model.Type, dotted, want string, ok func(*model.Type) bool) (model.FieldPath, string) {
	var fp model.FieldPath
	t := resp
	for i, name := range strings.Split(dotted, ".") {
		where := "the response"
		if i > 0 {
			where = fp.String()
		}
		if !isStruct(t) {
			return nil, fmt.Sprintf("%s is %s, not an object with member %q", where, resolved(t).Kind, name)
		}
		var f *model.Field
		var names []string
		for _, c := range resolved(t).Fields {
			names = append(names, c.Name)
			if c.Name == name {
				f = c
			}
		}
		if f == nil {
			return nil, fmt.Sprintf("%s has no member %q; its members: %s", where, name, strings.Join(names, ", "))
		}
		if !usable(f) {
			return nil, fmt.Sprintf("%s.%s contains itself, and cannot be read on the way to a page", where, name)
		}
		fp = append(fp, f)
		t = f.Type
	}
	if !ok(t) {
		return nil, fmt.Sprintf("%s is %s, not %s", dotted, resolved(t).Kind, want)
	}
	return fp, ""
}
