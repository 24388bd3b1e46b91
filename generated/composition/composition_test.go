package composition

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func decode[T any](t *testing.T, data string) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal([]byte(data), &v))
	return v
}

func encode(t *testing.T, v any) string {
	t.Helper()
	out, err := json.Marshal(v)
	require.NoError(t, err)
	return string(out)
}

func TestAllOfMergesRefAndInline(t *testing.T) {
	// size is an integer in Resource and a required string in Volume: the
	// later definition wins, in type and in requiredness.
	v := decode[Volume](t, `{"id":"v1","kind":"volume","size":"10GiB","mount":"/data","encrypted":true}`)
	assert.Equal(t, "10GiB", v.Size)
	assert.Equal(t, Some("/data"), v.Mount)
	assert.Equal(t, Some(true), v.Encrypted)
	assert.Empty(t, InvalidFields(v))
	assert.Equal(t, `{"id":"v2","kind":"volume","size":"1GiB"}`, encode(t, Volume{ID: "v2", Kind: "volume", Size: "1GiB"}))

	r := decode[Resource](t, `{"id":"r","kind":"k","size":10}`)
	assert.Equal(t, Some[int64](10), r.Size)

	l := decode[Labeled](t, `{"id":"l1","kind":"labeled","labels":{"env":"prod"}}`)
	assert.Equal(t, map[string]string{"env": "prod"}, l.Labels.Value)
}

func TestDiscriminatorMapping(t *testing.T) {
	cases := []struct {
		in   string
		want string // the variant As* accepts
	}{
		{`{"shape":"round","radius":1}`, "circle"},       // mapping to a $ref
		{`{"shape":"box","side":2}`, "square"},           // mapping to a bare component name
		{`{"shape":"Triangle","sides":[3]}`, "triangle"}, // implicit: the component name
		// The tag decides even when the shape would fit another variant.
		{`{"shape":"box","radius":1}`, "square"},
	}
	for _, c := range cases {
		s := decode[Shape](t, c.in)
		_, circle := s.AsCircle()
		_, square := s.AsSquare()
		_, triangle := s.AsTriangle()
		got := map[string]bool{"circle": circle, "square": square, "triangle": triangle}
		assert.Equal(t, map[string]bool{"circle": c.want == "circle", "square": c.want == "square", "triangle": c.want == "triangle"}, got, c.in)
		assert.Equal(t, c.in, encode(t, s), "a union re-encodes the JSON it was decoded from")
	}
	// A mapped component's name is not also an implicit tag: "Circle" is
	// not a value the spec gives, so the shape decides (radius fits Circle).
	s := decode[Shape](t, `{"shape":"Circle","radius":1}`)
	c, ok := s.AsCircle()
	require.True(t, ok)
	assert.Equal(t, 1.0, c.Radius)

	d := decode[Drawing](t, `{"shapes":[{"shape":"round","radius":1}],"by_layer":{"top":{"shape":"box","side":1}}}`)
	sq, ok := d.ByLayer.Value["top"].AsSquare()
	require.True(t, ok)
	assert.Equal(t, 1.0, sq.Side)
	assert.Equal(t, `{"shape":"round","radius":2}`, encode(t, ShapeFromCircle(Circle{Shape: "round", Radius: 2})))
}

func TestRecursionThroughMapsArraysAndPointers(t *testing.T) {
	// Members in the order of the schema's properties, which is the order
	// the encoder writes them in.
	in := `{"name":"root","children":[{"name":"a","children":[]}],"by_name":{"b":{"name":"b","by_name":{"c":{"name":"c"}}}},"parent":{"name":"up","parent":{"name":"top"}},"grid":[[{"name":"g"}]]}`
	n := decode[Node](t, in)
	assert.Equal(t, "a", n.Children.Value[0].Name)
	assert.Equal(t, "c", n.ByName.Value["b"].ByName.Value["c"].Name)
	assert.Equal(t, "g", n.Grid.Value[0][0].Name)
	require.NotNil(t, n.Parent.Value)
	assert.Equal(t, "top", n.Parent.Value.Parent.Value.Name)
	assert.Equal(t, in, encode(t, n))

	// A struct that contains itself holds a pointer: build one by hand.
	leaf := Node{Name: "leaf", Parent: Some(&Node{Name: "trunk"})}
	assert.Equal(t, `{"name":"leaf","parent":{"name":"trunk"}}`, encode(t, leaf))

	f := decode[Forest](t, `{"oaks":[{"name":"oak","children":[{"name":"acorn"}]}]}`)
	assert.Equal(t, "acorn", f["oaks"][0].Children.Value[0].Name)
}

func TestMutualRecursionThroughAUnion(t *testing.T) {
	e := decode[Expr](t, `{"op":"+","left":1,"right":{"op":"*","left":2,"right":3}}`)
	bin, ok := e.AsBinaryExpr()
	require.True(t, ok)
	assert.Equal(t, "+", bin.Op)
	left, ok := bin.Left.AsNumber()
	require.True(t, ok)
	assert.Equal(t, 1.0, left)
	right, ok := bin.Right.AsBinaryExpr()
	require.True(t, ok)
	three, ok := right.Right.AsNumber()
	require.True(t, ok)
	assert.Equal(t, 3.0, three)

	built := ExprFromBinaryExpr(BinaryExpr{Op: "-", Left: ExprFromNumber(5), Right: ExprFromNumber(2)})
	assert.Equal(t, `{"op":"-","left":5,"right":2}`, encode(t, built))
}

func TestAllOfOfOneShapeAndAnnotations(t *testing.T) {
	m := decode[Measured](t, `{"amount":3,"unit":"kg"}`)
	assert.Equal(t, Some[Quantity](3), m.Amount, "typed as the one member with a shape, not as an empty struct")
	assert.Equal(t, Some("kg"), m.Unit)
	assert.Empty(t, UnknownFields(m))
	// readOnly from an annotating member applies: unit is not sent.
	body, err := marshalRequest(Measured{Amount: Some[Quantity](1), Unit: Some("g")})
	require.NoError(t, err)
	assert.Equal(t, `{"amount":1}`, string(body))
}

func TestRecursiveArrayIsADefinedType(t *testing.T) {
	in := `[{"title":"a","children":[{"title":"b","children":[]}]}]`
	o := decode[Outline](t, in)
	require.Len(t, o, 1)
	assert.Equal(t, "b", o[0].Children.Value[0].Title.Value)
	assert.Equal(t, in, encode(t, o))
	// A defined type still converts from and to its underlying type.
	plain := []OutlineItem(o)
	assert.Equal(t, Outline(plain), o)
}

func TestParentDiscriminatorReachesSubtypes(t *testing.T) {
	z := decode[Zoo](t, `{"animals":[{"kind":"kitty","name":"Tom","purrs":true},{"kind":"Puppy","barks":3},{"kind":"Snake"}]}`)
	require.Len(t, z.Animals.Value, 3)
	tom, puppy, snake := z.Animals.Value[0], z.Animals.Value[1], z.Animals.Value[2]

	// The parent decodes as itself; the subtype's members are kept.
	assert.Equal(t, Some("Tom"), tom.Name)
	k, ok := tom.AsKitten()
	require.True(t, ok, "mapped value")
	assert.Equal(t, Some(true), k.Purrs)
	assert.Equal(t, Some("Tom"), k.Name)
	_, ok = tom.AsPuppy()
	assert.False(t, ok)

	p, ok := puppy.AsPuppy()
	require.True(t, ok, "implicit mapping: the component name")
	assert.Equal(t, Some[int64](3), p.Barks)
	_, ok = puppy.AsKitten()
	assert.False(t, ok)

	_, ok = snake.AsKitten()
	assert.False(t, ok, "a value no subtype claims")
	_, ok = snake.AsPuppy()
	assert.False(t, ok)

	assert.Equal(t, `{"animals":[{"kind":"kitty","name":"Tom","purrs":true},{"kind":"Puppy","barks":3},{"kind":"Snake"}]}`, encode(t, z), "nothing lost")
}
