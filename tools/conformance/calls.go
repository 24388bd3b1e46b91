package main

import (
	"encoding/json"
	"net/url"
	"strings"

	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"github.com/pb33f/libopenapi/orderedmap"

	"github.com/oagen-dev/oagen/internal/model"
)

// call is one operation call for the driver (driver.go.txt's
// conformanceCall).
type call struct {
	ID        string            `json:"id"`
	Service   string            `json:"service"`
	Method    string            `json:"method"`
	Path      []json.RawMessage `json:"path"`
	HasParams bool              `json:"hasParams"`
	Params    []param           `json:"params"`
	Body      json.RawMessage   `json:"body,omitempty"`
	BodyText  *string           `json:"bodyText,omitempty"`

	op *model.Operation
}

type param struct {
	Field string          `json:"field"`
	Value json.RawMessage `json:"value"`
}

// buildCalls makes one call per client method of api, its arguments from
// doc, the same spec as libopenapi reads it. An operation libopenapi does
// not have (it should not happen) is returned in missing.
func buildCalls(api *model.API, doc *v3.Document) (calls []*call, missing []*model.Operation) {
	for _, op := range api.Operations {
		if op.Webhook || op.GoName == "" || op.Service == "" {
			continue
		}
		item, lop := findOperation(doc, op)
		if lop == nil {
			missing = append(missing, op)
			continue
		}
		c := &call{ID: op.ID, Service: op.Service, Method: op.GoName, HasParams: op.ParamsType != "", op: op}
		params := map[string]*v3.Parameter{}
		byName := map[string][]*v3.Parameter{}
		for _, ps := range [][]*v3.Parameter{item.Parameters, lop.Parameters} {
			for _, p := range ps {
				params[p.In+" "+p.Name] = p
				byName[p.Name] = append(byName[p.Name], p)
			}
		}
		for _, p := range op.Params {
			lp := params[string(p.In)+" "+p.Name]
			if lp == nil && len(byName[p.Name]) == 1 {
				// oagen moved it: a parameter the path key's query names
				// ("/legacy/{id}?fields={fields}") is a query parameter
				// to oagen and, as declared, a path parameter to libopenapi.
				lp = byName[p.Name][0]
			}
			if p.In == model.InPath {
				v := paramValue(lp)
				if string(v) == `""` && lp != nil && lp.Schema != nil {
					// No path segment can be empty (example: ''): the
					// spec's example is of no use, build one.
					v = value(lp.Schema)
				}
				c.Path = append(c.Path, v)
				continue
			}
			if lp == nil || !p.Required && !paramHasExample(lp) {
				continue
			}
			c.Params = append(c.Params, param{Field: p.GoName, Value: paramValue(lp)})
		}
		if op.Body != nil && lop.RequestBody != nil && lop.RequestBody.Content != nil {
			mt, kind := bodyContent(op)
			if media := lop.RequestBody.Content.GetOrZero(mt); media != nil {
				v := mediaValue(media)
				switch kind {
				case "text", "raw":
					var s string
					if json.Unmarshal(v, &s) != nil {
						s = string(v)
					}
					c.BodyText = &s
				default:
					c.Body = v
				}
			}
		}
		calls = append(calls, c)
	}
	return calls, missing
}

// findOperation finds op's path item and operation in doc.
func findOperation(doc *v3.Document, op *model.Operation) (*v3.PathItem, *v3.Operation) {
	if doc.Paths == nil || doc.Paths.PathItems == nil {
		return nil, nil
	}
	item := doc.Paths.PathItems.GetOrZero(op.Path)
	if item == nil {
		// A key that carries a query ("/search?kind=articles", see
		// model.Operation.FixedQuery) is op.Path in oagen's model.
		for key, it := range doc.Paths.PathItems.FromOldest() {
			if p, _, ok := strings.Cut(key, "?"); ok && p == op.Path {
				item = it
				break
			}
		}
	}
	if item == nil {
		return nil, nil
	}
	return item, item.GetOperations().GetOrZero(strings.ToLower(op.Method))
}

// bodyContent is the media type oagen's method sends and how
// (internal/emit's methodBody): the first JSON one, then a form, then
// multipart, then a typed one under a range, then text; else the first.
func bodyContent(op *model.Operation) (mediaType, kind string) {
	typed := func(c *model.Content) bool { return c.Type != nil }
	for _, c := range op.Body.Contents {
		if model.IsJSON(c.MediaType) && typed(c) {
			return c.MediaType, "json"
		}
	}
	for _, prefix := range []string{"application/x-www-form-urlencoded", "multipart/form-data"} {
		for _, c := range op.Body.Contents {
			if strings.HasPrefix(strings.ToLower(c.MediaType), prefix) && typed(c) {
				return c.MediaType, "form"
			}
		}
	}
	for _, c := range op.Body.Contents {
		if model.IsWildcard(c.MediaType) && !strings.HasPrefix(strings.ToLower(c.MediaType), "text/") {
			if t := c.Type.Resolved(); t != nil && t.Kind != model.KindAny && t.Kind != model.KindString {
				return c.MediaType, "json"
			}
		}
	}
	for _, c := range op.Body.Contents {
		if strings.HasPrefix(strings.ToLower(c.MediaType), "text/") {
			return c.MediaType, "text"
		}
	}
	return op.Body.Contents[0].MediaType, "raw"
}

func paramHasExample(p *v3.Parameter) bool {
	if p.Example != nil || p.Examples != nil && p.Examples.Len() > 0 {
		return true
	}
	if p.Schema != nil {
		if s := p.Schema.Schema(); s != nil && (s.Example != nil || len(s.Examples) > 0) {
			return true
		}
	}
	return false
}

func paramValue(p *v3.Parameter) json.RawMessage {
	if p == nil {
		return json.RawMessage(`"value"`)
	}
	if p.Example != nil {
		return nodeJSON(p.Example)
	}
	if v := firstExample(p.Examples); v != nil {
		return v
	}
	if p.Schema != nil {
		return value(p.Schema)
	}
	if p.Content != nil {
		for _, media := range p.Content.FromOldest() {
			return mediaValue(media)
		}
	}
	return json.RawMessage(`"value"`)
}

func mediaValue(m *v3.MediaType) json.RawMessage {
	if m.Example != nil {
		return nodeJSON(m.Example)
	}
	if v := firstExample(m.Examples); v != nil {
		return v
	}
	return value(m.Schema)
}

func firstExample(examples *orderedmap.Map[string, *base.Example]) json.RawMessage {
	if examples == nil {
		return nil
	}
	for _, e := range examples.FromOldest() {
		if e != nil && e.Value != nil {
			return nodeJSON(e.Value)
		}
	}
	return nil
}

// serverPath is the path of the document's first server, its variables
// given their defaults: what the validator expects before each operation's
// path and Prism, which routes on the operation's path alone, does not.
func serverPath(doc *v3.Document) string {
	if len(doc.Servers) == 0 {
		return ""
	}
	s := doc.Servers[0]
	u := s.URL
	if s.Variables != nil {
		for name, v := range s.Variables.FromOldest() {
			u = strings.ReplaceAll(u, "{"+name+"}", v.Default)
		}
	}
	parsed, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(parsed.Path, "/")
}
