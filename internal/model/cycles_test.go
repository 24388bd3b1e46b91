package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMarkIndirectFields(t *testing.T) {
	node := &Type{Kind: KindStruct}
	a := &Type{Kind: KindStruct}
	b := &Type{Kind: KindStruct}
	c := &Type{Kind: KindStruct}
	aliasOfA := &Type{Kind: KindAlias, Target: a}
	list := &Type{Kind: KindArray, Elem: node}

	self := &Field{Name: "parent", Type: node}
	children := &Field{Name: "children", Type: list}
	aToB := &Field{Name: "b", Type: b}
	bToA := &Field{Name: "a", Type: aliasOfA} // through an alias
	bToC := &Field{Name: "c", Type: c}        // c does not lead back
	cToNode := &Field{Name: "node", Type: node}
	node.Fields = []*Field{self, children}
	a.Fields = []*Field{aToB}
	b.Fields = []*Field{bToA, bToC}
	c.Fields = []*Field{cToNode}

	// The order of types must not matter.
	for _, types := range [][]*Type{{node, a, b, c, aliasOfA}, {c, b, aliasOfA, a, node}} {
		for _, f := range []*Field{self, children, aToB, bToA, bToC, cToNode} {
			f.Indirect = false
		}
		MarkIndirectFields(types)
		assert.True(t, self.Indirect, "a struct holding itself")
		assert.False(t, children.Indirect, "a slice breaks the cycle")
		assert.True(t, aToB.Indirect, "a → b → a")
		assert.True(t, bToA.Indirect, "b → a → b, through an alias")
		assert.False(t, bToC.Indirect, "c is not on the cycle")
		assert.False(t, cToNode.Indirect, "node is its own cycle, c is not on it")
	}
}

func TestMarkIndirectFieldsDeepChain(t *testing.T) {
	// A chain of 100,000 structs closing into a loop: the walk must not
	// recurse per struct.
	const n = 100_000
	types := make([]*Type, n)
	for i := range types {
		types[i] = &Type{Kind: KindStruct}
	}
	for i := range types {
		types[i].Fields = []*Field{{Name: "next", Type: types[(i+1)%n]}}
	}
	MarkIndirectFields(types)
	for _, typ := range types {
		assert.True(t, typ.Fields[0].Indirect)
	}
}

func TestMarkRecursiveAliases(t *testing.T) {
	item := &Type{Kind: KindStruct, Named: true}
	outline := &Type{Kind: KindArray, Named: true, Elem: item}
	item.Fields = []*Field{{Name: "children", Type: outline}}
	plainItem := &Type{Kind: KindStruct, Named: true}
	list := &Type{Kind: KindArray, Named: true, Elem: plainItem}
	selfMap := &Type{Kind: KindMap, Named: true}
	selfMap.Elem = &Type{Kind: KindArray, Elem: selfMap} // map of arrays of itself
	MarkRecursiveAliases([]*Type{item, outline, plainItem, list, selfMap})
	assert.True(t, outline.Recursive, "outline → item → outline")
	assert.False(t, list.Recursive, "a list of a struct that does not lead back")
	assert.True(t, selfMap.Recursive, "a map containing itself")
	assert.False(t, item.Recursive, "only arrays and maps are marked")
}
