package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// markUploads makes the binary properties of the multipart bodies that
// methods send files (model.Type.Upload): those of an object body, of each
// object variant of a oneOf/anyOf body, and of the multipart twin of a body
// that offers JSON too (see multipartMethod). Binary data elsewhere, in
// JSON, is a string, as the server sends it.
func markUploads(api *model.API) {
	for _, op := range api.Operations {
		var c *model.Content
		if b := methodBody(op); b != nil && b.kind == "multipart" {
			c = b.content
		}
		if twin := op.MultipartTwin(); twin != nil {
			c = twin
		}
		if c == nil {
			continue
		}
		for _, shape := range model.UploadShapes(c.Type) {
			for _, f := range model.FileFields(shape) {
				model.FileOf(f.Type).Upload = true
			}
		}
	}
}

// multipartParts sends a multipart body that has files, one part per
// property in spec order, each with the Content-Type its encoding gives:
//
//	r.multipartBody([]multipartPart{{name: "purpose", value: v.Purpose}, {name: "file", value: v.File}})
//
// fields reaches the body's fields, value is the body. A oneOf/anyOf body
// sends the parts of the variant it holds:
//
//	switch v := body.value.(type) {
//	case VoiceFromSample:
//		r.multipartBody([]multipartPart{{name: "name", value: v.Name}, {name: "sample", value: v.Sample}})
//	default:
//		r.multipartValue(body)
//	}
//
// The default sends a variant without files, or a union decoded from JSON,
// from its JSON form. The files stream as the request is sent
// (templates/upload.go). A body without files returns nil: multipartValue
// sends it from its JSON form, additional properties included.
func multipartParts(c *model.Content, fields, value jen.Code) jen.Code {
	shapes := model.UploadShapes(c.Type)
	if len(shapes) == 0 {
		return nil
	}
	if t := c.Type.Resolved(); t.Kind != model.KindUnion {
		return structParts(c, t, fields)
	}
	union := c.Type.Resolved()
	return jen.Switch(jen.Id("v").Op(":=").Add(fields).Dot("value").Assert(jen.Type())).BlockFunc(func(g *jen.Group) {
		for _, v := range union.Variants {
			if len(model.FileFields(v.Type)) == 0 {
				continue
			}
			g.Case(goType(v.Type)).Block(structParts(c, v.Type.Resolved(), jen.Id("v")))
		}
		g.Default().Block(jen.Id("r").Dot("multipartValue").Call(value))
	})
}

// structParts sends struct t, the body or a variant of it, part by part.
func structParts(c *model.Content, t *model.Type, v jen.Code) jen.Code {
	var parts []jen.Code
	for _, f := range t.Fields {
		if f.ReadOnly {
			continue
		}
		kv := []jen.Code{jen.Id("name").Op(":").Lit(f.Name)}
		if ct := partContentType(c, f); ct != "" {
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

// partContentType is the Content-Type a property's part goes with when
// the value does not name one (an UploadFile's ContentType): the one the
// encoding gives, else, for a file, its contentMediaType when that names one
// media type; "" leaves the default (application/octet-stream for a file,
// none for text).
func partContentType(c *model.Content, f *model.Field) string {
	if ct := c.PartContentType(f.Name); ct != "" {
		return ct
	}
	ft := model.FileOf(f.Type)
	if ft == nil {
		return ""
	}
	mt := ft.ContentMediaType
	if mt == "" || strings.Contains(mt, ",") || model.IsWildcard(mt) {
		return ""
	}
	return mt
}

// multipartMethod declares op.MultipartName, the twin of a method whose
// body is JSON, that sends the body's multipart/form-data form instead: the
// spec offers both, and only the form carries a file.
func multipartMethod(f *jen.File, s *model.Service, op *model.Operation) {
	twin := op.MultipartTwin()
	doc := methodDocAs(op, op.MultipartName, "with a multipart/form-data body")
	what := "a JSON body"
	if b := methodBody(op); b != nil && b.content.Type.IsNamed() {
		what = "a JSON " + b.content.Type.GoName
	}
	doc = append(doc, "")
	doc = append(doc, fmt.Sprintf("The operation takes %s (%s) or a form, which this method sends: its files (UploadFile) are streamed as the request is sent.", what, op.GoName))
	emitMethodBody(f, s, op, op.MultipartName, methodResult(op), doc, &body{content: twin, kind: "multipart"})
}
