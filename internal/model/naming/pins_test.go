package naming_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/oagen-dev/oagen/internal/model"
	"github.com/oagen-dev/oagen/internal/model/naming"
)

func pin(name string, line int) *model.Pin {
	return &model.Pin{Name: name, Pos: model.Pos{File: "oagen.yaml", Line: line, Col: 5}, Source: "oagen.yaml names.schemas"}
}

// A pinned name is used as it is and moves no other name.
func TestResolveKeepsPinnedNames(t *testing.T) {
	pet := structType("Pet", "name", "age")
	pet.Fields[1].Pin = pin("Years", 3)
	petKind := inlineType(pet, model.KindEnum, "kind")
	petKind.Base = model.KindString
	petKind.Values = []*model.EnumValue{{Value: &model.Value{JSON: `"cat"`}}}
	owner := comp("owner", model.KindStruct)
	owner.Pin = pin("Person", 2)
	api := &model.API{Types: []*model.Type{pet, petKind, owner}}
	naming.Resolve(api)
	assert.Equal(t, []string{"Pet", "PetKind", "Person"}, goNames(api.Types))
	assert.Equal(t, "Name", pet.Fields[0].GoName)
	assert.Equal(t, "Years", pet.Fields[1].GoName)
	assert.Empty(t, naming.CheckPinned(api))

	// Pinning Pet renames its inline children with it.
	pet.Pin = pin("Animal", 4)
	naming.Resolve(api)
	assert.Equal(t, []string{"Animal", "AnimalKind", "Person"}, goNames(api.Types))
	assert.Equal(t, "AnimalKindCat", petKind.Values[0].GoName)
}

func TestCheckPinnedReportsBothPlaces(t *testing.T) {
	a := comp("A", model.KindStruct)
	a.Pos = model.Pos{File: "api.yml", Line: 10, Col: 5}
	a.Pin = pin("B", 3)
	b := comp("B", model.KindStruct)
	b.Pos = model.Pos{File: "api.yml", Line: 20, Col: 5}
	api := &model.API{Types: []*model.Type{a, b}}
	naming.Resolve(api)
	assert.Equal(t, "B", a.GoName, "never renamed")
	ds := naming.CheckPinned(api)
	if assert.Len(t, ds, 1) {
		assert.Equal(t, `oagen.yaml:3:5: #/components/schemas/A: Go name "B" from oagen.yaml names.schemas collides with the name oagen gives #/components/schemas/B (see api.yml:20:5: #/components/schemas/B)`, ds[0].Error())
	}

	// An enum constant that would take the pinned name.
	e := enumType("Color", `"red"`)
	c := comp("C", model.KindStruct)
	c.Pin = pin("ColorRed", 5)
	api = &model.API{Types: []*model.Type{e, c}}
	naming.Resolve(api)
	ds = naming.CheckPinned(api)
	if assert.Len(t, ds, 1) {
		assert.Contains(t, ds[0].Error(), `Go name "ColorRed" from oagen.yaml names.schemas collides with the name oagen gives #/components/schemas/Color/enum/0`)
	}

	// Methods of a service.
	list := &model.Operation{ID: "listThings", Method: "GET", Path: "/things", Tags: []string{"Things"}, Pointer: "#/paths/~1things/get",
		Pos: model.Pos{File: "api.yml", Line: 5, Col: 5}}
	get := &model.Operation{ID: "getThing", Method: "GET", Path: "/things/{id}", Tags: []string{"Things"}, Pointer: "#/paths/~1things~1{id}/get",
		Pin: &model.Pin{Name: "List", Pos: model.Pos{File: "api.yml", Line: 30, Col: 18}, Source: "x-go-name"}}
	api = &model.API{Operations: []*model.Operation{list, get}}
	naming.Resolve(api)
	ds = naming.CheckPinned(api)
	if assert.Len(t, ds, 1) {
		assert.Equal(t, `api.yml:30:18: #/paths/~1things~1{id}/get: Go name "List" from x-go-name collides with the name oagen gives #/paths/~1things/get (see api.yml:5:5: #/paths/~1things/get)`, ds[0].Error())
	}
}
