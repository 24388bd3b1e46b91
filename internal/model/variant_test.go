package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDiscriminatorTag(t *testing.T) {
	str := &Type{Kind: KindString}
	enum := func(values ...string) *Type {
		e := &Type{Kind: KindEnum, Base: KindString}
		for _, v := range values {
			e.Values = append(e.Values, &EnumValue{Value: &Value{JSON: `"` + v + `"`}})
		}
		return e
	}
	object := func(f *Field) *Type { return &Type{Kind: KindStruct, Fields: []*Field{{Name: "other", Type: str}, f}} }
	d := &Discriminator{Property: "kind"}
	tests := []struct {
		name    string
		variant *Variant
		want    string // "" for nothing to write
	}{
		{"a string: the first tag", &Variant{Type: object(&Field{Name: "kind", Type: str}), Tags: []string{"a", "b"}}, "a"},
		{"a string without tags", &Variant{Type: object(&Field{Name: "kind", Type: str})}, ""},
		{"a const wins over the tag", &Variant{Type: object(&Field{Name: "kind", Type: enum("user")}), Tags: []string{"User"}}, "user"},
		{"an enum: the first tag it allows", &Variant{Type: object(&Field{Name: "kind", Type: enum("x", "b")}), Tags: []string{"a", "b"}}, "b"},
		{"an enum allowing no tag", &Variant{Type: object(&Field{Name: "kind", Type: enum("x", "y")}), Tags: []string{"a"}}, ""},
		{"through an alias", &Variant{Type: &Type{Kind: KindAlias, Target: object(&Field{Name: "kind", Type: &Type{Kind: KindAlias, Target: str}})}, Tags: []string{"a"}}, "a"},
		{"readOnly is never sent", &Variant{Type: object(&Field{Name: "kind", Type: str, ReadOnly: true}), Tags: []string{"a"}}, ""},
		{"an integer property", &Variant{Type: object(&Field{Name: "kind", Type: &Type{Kind: KindInteger}}), Tags: []string{"1"}}, ""},
		{"no such property", &Variant{Type: object(&Field{Name: "type", Type: str}), Tags: []string{"a"}}, ""},
		{"not a struct", &Variant{Type: str, Tags: []string{"a"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, tag := tt.variant.DiscriminatorTag(d)
			assert.Equal(t, tt.want, tag)
			if tt.want == "" {
				assert.Nil(t, f)
			} else {
				assert.Equal(t, "kind", f.Name)
			}
		})
	}
	_, tag := (&Variant{Type: object(&Field{Name: "kind", Type: str}), Tags: []string{"a"}}).DiscriminatorTag(nil)
	assert.Equal(t, "", tag, "no discriminator")
}
