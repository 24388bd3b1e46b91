package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// isFile reports whether a property holds files: a binary string
// (UploadFile), or an array of them.
func isFile(t *model.Type) bool {
	t = t.Resolved()
	if t != nil && t.Kind == model.KindArray {
		t = t.Elem.Resolved()
	}
	return t != nil && t.Kind == model.KindString && t.Format == "binary"
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
		files = files || isFile(f.Type) && !f.ReadOnly
	}
	if !files {
		return nil
	}
	var parts []jen.Code
	for _, f := range t.Fields {
		if f.ReadOnly {
			continue
		}
		d := jen.Dict{
			jen.Id("name"):  jen.Lit(f.Name),
			jen.Id("value"): jen.Add(v).Dot(f.GoName),
		}
		if ct := c.PartContentType(f.Name); ct != "" {
			d[jen.Id("contentType")] = jen.Lit(ct)
		}
		parts = append(parts, jen.Values(d))
	}
	return jen.Id("r").Dot("multipartBody").Call(jen.Index().Id("multipartPart").ValuesFunc(func(g *jen.Group) {
		for _, p := range parts {
			g.Line().Add(p)
		}
		g.Line()
	}))
}
