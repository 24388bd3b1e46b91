package model

// MarkIndirectFields sets Field.Indirect on every field through which a
// struct contains itself by value, directly (Node.Parent is a Node) or
// through other structs (A.B is a B, B.A is an A). Go cannot size such a
// type, so those fields hold a pointer. Arrays, maps and unions already
// store their elements out of line and break no cycle here.
//
// It finds the strongly connected components of the "contains by value"
// graph (Tarjan's algorithm, iterative so that a deep chain of structs
// cannot exhaust the stack) and marks the fields whose target is in the
// same component as their struct. The result does not depend on the order
// of types.
func MarkIndirectFields(types []*Type) {
	structs := map[*Type]int{}
	var nodes []*Type
	for _, t := range types {
		if t.Kind == KindStruct {
			if _, ok := structs[t]; !ok {
				structs[t] = len(nodes)
				nodes = append(nodes, t)
			}
		}
	}
	target := func(f *Field) int {
		t := f.Type.Resolved()
		if t == nil || t.Kind != KindStruct {
			return -1
		}
		if i, ok := structs[t]; ok {
			return i
		}
		return -1
	}

	comp := components(len(nodes), func(v int, edge func(int)) {
		for _, f := range nodes[v].Fields {
			if w := target(f); w >= 0 {
				edge(w)
			}
		}
	})
	for v, t := range nodes {
		for _, f := range t.Fields {
			if w := target(f); w >= 0 && comp[w] == comp[v] {
				f.Indirect = true
			}
		}
	}
}

// MarkRecursiveAliases sets Recursive on the named arrays and maps that
// contain themselves through other types (order-item: an array of objects
// with an "Items" array of order-item). They are declared as defined types
// rather than aliases: the Go type checker of Go 1.26 crashes on such an
// alias cycle through a generic type argument (Opt[OrderItem]).
func MarkRecursiveAliases(types []*Type) {
	ids := map[*Type]int{}
	var nodes []*Type
	for _, t := range types {
		if _, ok := ids[t]; !ok && t.Named {
			ids[t] = len(nodes)
			nodes = append(nodes, t)
		}
	}
	// refs calls edge for every named type t's declaration mentions.
	refs := func(t *Type, edge func(int)) {
		seen := map[*Type]bool{}
		var walk func(u *Type, top bool)
		walk = func(u *Type, top bool) {
			if u == nil {
				return
			}
			if w, ok := ids[u]; ok && !top {
				edge(w)
				return
			}
			if seen[u] {
				return
			}
			seen[u] = true
			u.Children(func(c *Type) { walk(c, false) })
		}
		walk(t, true)
	}
	comp := components(len(nodes), func(v int, edge func(int)) { refs(nodes[v], edge) })
	size := map[int]int{}
	for _, c := range comp {
		size[c]++
	}
	for v, t := range nodes {
		if t.Kind != KindArray && t.Kind != KindMap {
			continue
		}
		self := false
		refs(t, func(w int) { self = self || w == v })
		t.Recursive = size[comp[v]] > 1 || self
	}
}

// components returns the strongly connected component of each of n nodes
// (Tarjan's algorithm, iterative so that a deep chain of types cannot
// exhaust the stack).
func components(n int, edges func(v int, edge func(w int))) []int {
	succ := make([][]int, n)
	for v := range n {
		edges(v, func(w int) { succ[v] = append(succ[v], w) })
	}
	index := make([]int, n)
	low := make([]int, n)
	onStack := make([]bool, n)
	comp := make([]int, n)
	for i := range index {
		index[i] = -1
		comp[i] = -1
	}
	var stack []int
	next, comps := 0, 0
	type frame struct{ node, edge int }
	for root := range n {
		if index[root] >= 0 {
			continue
		}
		frames := []frame{{root, 0}}
		index[root], low[root] = next, next
		next++
		stack = append(stack, root)
		onStack[root] = true
		for len(frames) > 0 {
			top := &frames[len(frames)-1]
			v := top.node
			if top.edge < len(succ[v]) {
				w := succ[v][top.edge]
				top.edge++
				switch {
				case index[w] < 0:
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					frames = append(frames, frame{w, 0})
				case onStack[w]:
					low[v] = min(low[v], index[w])
				}
				continue
			}
			frames = frames[:len(frames)-1]
			if len(frames) > 0 {
				parent := frames[len(frames)-1].node
				low[parent] = min(low[parent], low[v])
			}
			if low[v] == index[v] {
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					comp[w] = comps
					if w == v {
						break
					}
				}
				comps++
			}
		}
	}
	return comp
}
