package apidiff_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/apidiff"
	"github.com/oagen-dev/oagen/internal/model"
)

// side builds a model of one component struct with the given Go names and
// the Go source generated from it.
func side(typeName, fieldName, src string) apidiff.Side {
	t := &model.Type{Kind: model.KindStruct, Named: true, Component: "Pet", Pointer: "#/components/schemas/Pet", GoName: typeName}
	t.Fields = []*model.Field{{Name: "name", GoName: fieldName, Type: &model.Type{Kind: model.KindString}}}
	return apidiff.Side{API: &model.API{Types: []*model.Type{t}}, Files: map[string][]byte{"models.go": []byte(src), "x_test.go": []byte("package p\nfunc TestX() {}\n")}}
}

func TestCompare(t *testing.T) {
	old := side("Pet", "Name", `package p

type Pet struct {
	Name string
	Age  int64
}

type Owner struct{ Pets []Pet }

func (p Pet) String() string { return p.Name }

func NewPet(name string, opts ...int) (*Pet, error) { return nil, nil }

type Kind string

const (
	KindCat Kind = "cat"
	KindDog Kind = "dog"
)

const unexported = 1
`)
	new := side("Animal", "Title", `package p

type Animal struct {
	Title string
	Age   Opt[int64]
}

type Owner struct{ Pets []Animal }

func (p Animal) String() string { return p.Title }

func NewPet(name string, opts ...int) (*Animal, error) { return nil, nil }

type Kind string

const (
	KindCat  Kind = "cat"
	KindBird Kind = "bird"
)
`)
	got, err := apidiff.Compare(old, new)
	require.NoError(t, err)
	var lines []string
	for _, c := range got {
		lines = append(lines, c.String())
	}
	// Owner.Pets and NewPet mention the renamed type but did not change.
	assert.Equal(t, []string{
		"renamed type Pet → Animal",
		"retyped field Animal.Age: int64 → Opt[int64]",
		"renamed field Pet.Name → Animal.Title",
		"removed constant KindDog Kind = \"dog\"",
		"added constant KindBird Kind = \"bird\"",
	}, lines)
	assert.True(t, got[0].Breaking)
	assert.False(t, got[len(got)-1].Breaking)

	same, err := apidiff.Compare(old, old)
	require.NoError(t, err)
	assert.Empty(t, same)
}
