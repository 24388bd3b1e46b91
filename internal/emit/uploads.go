package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// fileType returns the binary string a property holds files of, directly
// or as the items of an array; nil when it holds none.
func fileType(t *model.Type) *model.Type {
	t = t.Resolved()
	if t != nil && t.Kind == model.KindArray {
		t = t.Elem.Resolved()
	}
	if t != nil && t.Kind == model.KindString && t.Format == "binary" {
		return t
	}
	return nil
}

// markUploads makes the binary properties of the multipart bodies that
// methods send files (model.Type.Upload). Binary data elsewhere, in JSON, is
// a string, as the server sends it.
func markUploads(api *model.API) {
	for _, op := range api.Operations {
		b := methodBody(op)
		if b == nil || b.kind != "multipart" {
			continue
		}
		t := b.content.Type.Resolved()
		if t == nil || t.Kind != model.KindStruct || t.Tuple {
			continue
		}
		for _, f := range t.Fields {
			if ft := fileType(f.Type); ft != nil && !f.ReadOnly {
				ft.Upload = true
			}
		}
	}
}

// multipartParts sends a multipart body that has files, one part per
// property in spec order, each with the Content-Type its encoding gives:
//
//	r.multipartBody([]multipartPart{{name: "purpose", value: v.Purpose}, {name: "file", value: v.File}})
//
// The files stream as the request is sent (templates/upload.go). A body
// without files returns nil: multipartValue sends it from its JSON form,
// additional properties included.
func multipartParts(c *model.Content, v jen.Code) jen.Code {
	t := c.Type.Resolved()
	if t == nil || t.Kind != model.KindStruct || t.Tuple {
		return nil
	}
	files := false
	for _, f := range t.Fields {
		files = files || fileType(f.Type) != nil && !f.ReadOnly
	}
	if !files {
		return nil
	}
	var parts []jen.Code
	for _, f := range t.Fields {
		if f.ReadOnly {
			continue
		}
		kv := []jen.Code{jen.Id("name").Op(":").Lit(f.Name)}
		if ct := c.PartContentType(f.Name); ct != "" {
			kv = append(kv, jen.Id("contentType").Op(":").Lit(ct))
		}
		kv = append(kv, jen.Id("value").Op(":").Add(v).Dot(f.GoName))
		parts = append(parts, jen.Values(kv...))
	}
	return jen.Id("r").Dot("multipartBody").Call(jen.Index().Id("multipartPart").ValuesFunc(func(g *jen.Group) {
		for _, p := range parts {
			g.Line().Add(p)
		}
		g.Line()
	}))
}
