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

	index := make([]int, len(nodes))
	low := make([]int, len(nodes))
	onStack := make([]bool, len(nodes))
	comp := make([]int, len(nodes))
	for i := range index {
		index[i] = -1
		comp[i] = -1
	}
	var stack []int
	next, comps := 0, 0
	type frame struct{ node, field int }
	for root := range nodes {
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
			if top.field < len(nodes[v].Fields) {
				w := target(nodes[v].Fields[top.field])
				top.field++
				switch {
				case w < 0:
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
	for v, t := range nodes {
		for _, f := range t.Fields {
			if w := target(f); w >= 0 && comp[w] == comp[v] {
				f.Indirect = true
			}
		}
	}
}
