package model

import "strings"

// FileOf returns the binary string a property of type t holds files of,
// directly or as the items of an array; nil when it holds none.
func FileOf(t *Type) *Type {
	t = t.Resolved()
	if t != nil && t.Kind == KindArray {
		t = t.Elem.Resolved()
	}
	if t != nil && t.Kind == KindString && t.Format == "binary" {
		return t
	}
	return nil
}

// FileFields returns the properties of struct t that a request sends as
// files (binary, not readOnly), in document order; none when t is no
// struct.
func FileFields(t *Type) []*Field {
	t = t.Resolved()
	if t == nil || t.Kind != KindStruct || t.Tuple {
		return nil
	}
	var files []*Field
	for _, f := range t.Fields {
		if !f.ReadOnly && FileOf(f.Type) != nil {
			files = append(files, f)
		}
	}
	return files
}

// UploadShapes returns the objects a multipart/form-data body of type t is
// sent as when it carries files: t itself when it is such an object, else
// the variants of a oneOf/anyOf that are (Telnyx's voice clones are one of
// three objects, each with its audio file). None when no shape has a file.
func UploadShapes(t *Type) []*Type {
	t = t.Resolved()
	if t == nil {
		return nil
	}
	if len(FileFields(t)) > 0 {
		return []*Type{t}
	}
	if t.Kind != KindUnion {
		return nil
	}
	var shapes []*Type
	for _, v := range t.Variants {
		if len(FileFields(v.Type)) > 0 {
			shapes = append(shapes, v.Type)
		}
	}
	return shapes
}

// IsMultipart reports whether a media type is multipart/form-data.
func IsMultipart(mediaType string) bool {
	mt, _, _ := strings.Cut(strings.ToLower(mediaType), ";")
	return strings.TrimSpace(mt) == "multipart/form-data"
}

// MultipartTwin returns the multipart/form-data content of a request body
// that offers JSON too, when that content carries files (see UploadShapes):
// the operation's method sends the JSON, and a second method sends the form,
// the only way to upload a file through it. nil otherwise.
func (op *Operation) MultipartTwin() *Content {
	if op.Body == nil {
		return nil
	}
	// The first of each, as the method picks its body (JSON first).
	var json, form *Content
	for _, c := range op.Body.Contents {
		switch {
		case json == nil && IsJSON(c.MediaType):
			json = c
		case form == nil && IsMultipart(c.MediaType):
			form = c
		}
	}
	if json == nil || json.Type == nil || form == nil || len(UploadShapes(form.Type)) == 0 {
		return nil
	}
	return form
}
