package unions

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDiscriminatedUnion(t *testing.T) {
	var p Pet
	require.NoError(t, json.Unmarshal([]byte(`{"pet_type":"dog","barks":3,"extra":"kept"}`), &p))
	_, isCat := p.AsCat()
	assert.False(t, isCat)
	dog, isDog := p.AsDog()
	require.True(t, isDog)
	assert.Equal(t, Some[int64](3), dog.Barks)
	assert.JSONEq(t, `{"pet_type":"dog","barks":3,"extra":"kept"}`, string(p.Raw()))
	out, err := json.Marshal(p)
	require.NoError(t, err)
	assert.Equal(t, `{"pet_type":"dog","barks":3,"extra":"kept"}`, string(out), "the raw JSON is kept")

	// The discriminator decides even when the shape would fit the other.
	require.NoError(t, json.Unmarshal([]byte(`{"pet_type":"cat"}`), &p))
	_, isDog = p.AsDog()
	assert.False(t, isDog)
	_, isCat = p.AsCat()
	assert.True(t, isCat)
}

func TestUnionByShape(t *testing.T) {
	var s Status
	require.NoError(t, json.Unmarshal([]byte(`["draft","ported"]`), &s))
	arr, ok := s.AsArray()
	require.True(t, ok)
	assert.Equal(t, []string{"draft", "ported"}, arr)
	_, ok = s.AsString()
	assert.False(t, ok)

	require.NoError(t, json.Unmarshal([]byte(`"ported"`), &s))
	str, ok := s.AsString()
	require.True(t, ok)
	assert.Equal(t, StatusStringPorted, str)

	// Without a discriminator, objects are told apart by the members they
	// have: a Dog's "barks" is unknown to Cat.
	var o Owner
	require.NoError(t, json.Unmarshal([]byte(`{"maybe_pet":{"pet_type":"x","barks":1}}`), &o))
	_, isCat := o.MaybePet.Value.AsCat()
	assert.False(t, isCat)
	_, isDog := o.MaybePet.Value.AsDog()
	assert.True(t, isDog)
	require.NoError(t, json.Unmarshal([]byte(`{"maybe_pet":null}`), &o))
	assert.True(t, o.MaybePet.Null)

	var id Identifier
	require.NoError(t, json.Unmarshal([]byte(`42`), &id))
	n, ok := id.AsInteger()
	assert.True(t, ok)
	assert.Equal(t, int64(42), n)
	_, ok = id.AsString()
	assert.False(t, ok)
}

func TestUnionEncodesTheChosenVariant(t *testing.T) {
	o := Owner{Pet: Some(PetFromCat(Cat{PetType: "cat", Meows: Some(true)})), MaybePet: Null[OwnerMaybePet]()}
	out, err := json.Marshal(o)
	require.NoError(t, err)
	assert.Equal(t, `{"pet":{"pet_type":"cat","meows":true},"maybe_pet":null}`, string(out))
	cat, ok := o.Pet.Value.AsCat()
	assert.True(t, ok)
	assert.Equal(t, "cat", cat.PetType)
	_, ok = o.Pet.Value.AsDog()
	assert.False(t, ok, "a union made from a Cat is not a Dog")

	out, err = json.Marshal(IdentifierFromString("abc"))
	require.NoError(t, err)
	assert.Equal(t, `"abc"`, string(out))
}

func TestAllOfMergesAndRecursionWorks(t *testing.T) {
	in := `{"id":"1","name":"n","tags":["a"]}`
	var n Named
	require.NoError(t, json.Unmarshal([]byte(in), &n))
	assert.Equal(t, Named{ID: "1", Name: "n", Tags: Some([]string{"a"})}.Tags, n.Tags)
	assert.Equal(t, "1", n.ID)

	tree := `{"value":{"pet_type":"dog"},"children":[{"children":[{"children":[]}]}]}`
	var tr Tree
	require.NoError(t, json.Unmarshal([]byte(tree), &tr))
	require.Len(t, tr.Children, 1)
	require.Len(t, tr.Children[0].Children, 1)
	out, err := json.Marshal(tr)
	require.NoError(t, err)
	assert.JSONEq(t, tree, string(out))
}
