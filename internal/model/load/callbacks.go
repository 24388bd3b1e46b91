package load

import (
	"fmt"
	"strings"

	"github.com/pb33f/go-yaml"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"github.com/pb33f/libopenapi/orderedmap"

	"github.com/oagen-dev/oagen/internal/model"
)

// callbacks loads the operations of parent's callbacks: requests the API
// makes back to the client. Like webhooks they get their types (bodies,
// parameters, responses) and no client method. An operation of a callback
// without an operationId is named after its parent and the callback's key,
// e.g. createPayment + onPaymentEvent, then the expression and the method
// when the callback has several. A callback's operation may have callbacks
// of its own, loaded the same way down to maxCallbackDepth levels. The
// generated webhook handler serves them as it serves webhooks.
func (l *loader) callbacks(parent *model.Operation, op *v3.Operation, depth int) []*model.Operation {
	if orderedmap.Len(op.Callbacks) == 0 {
		return nil
	}
	pos := parent.Pos
	if low := op.GoLow(); low != nil && low.Callbacks.KeyNode != nil {
		pos = l.pos(low.Callbacks.KeyNode)
	}
	if depth >= maxCallbackDepth {
		l.warnf(pos, parent.Pointer+"/callbacks", "callbacks nested more than %d levels deep are not generated", maxCallbackDepth)
		return nil
	}
	var out []*model.Operation
	for name, cb := range op.Callbacks.FromOldest() {
		if cb == nil {
			continue
		}
		cbPtr := parent.Pointer + "/callbacks/" + pointerEscape(name)
		if low := cb.GoLow(); low != nil && low.IsReference() && strings.HasPrefix(low.GetReference(), "#/") {
			cbPtr = low.GetReference()
		}
		var ss []*site
		for expr, pi := range cb.Expression.FromOldest() {
			if pi != nil {
				ss = append(ss, sites(expr, pi, cbPtr+"/"+pointerEscape(expr), true)...)
			}
		}
		exprs := orderedmap.Len(cb.Expression)
		for _, s := range ss {
			s.callback, s.parent = name, parent
			if s.id == "" {
				words := []string{parent.ID, name}
				if exprs > 1 {
					words = append(words, s.path)
				}
				if len(ss) > exprs {
					words = append(words, s.method)
				}
				s.id, s.derived = strings.Join(words, " "), true
			}
			co := l.operation(s)
			parent.Callbacks = append(parent.Callbacks, co)
			out = append(out, co)
			out = append(out, l.callbacks(co, s.op, depth+1)...)
		}
	}
	// Their events are served by the generated webhook handler (see
	// model.PlanWebhooks), which warns of those it cannot type.
	return out
}

// maxCallbackDepth bounds callbacks within callbacks: a callback that refers
// back to itself would otherwise never end.
const maxCallbackDepth = 4

// noteUsage records on the inline types that a webhook or callback
// operation introduced what they are for: the client has no method that
// would say it.
func (l *loader) noteUsage(o *model.Operation, types []*model.Type) {
	subject := fmt.Sprintf("the webhook %q", o.Path)
	if o.Callback != "" {
		subject = fmt.Sprintf("the callback %q (%s %s) of %s %s", o.Callback, o.Method, o.Path, o.CallbackOf.Method, o.CallbackOf.Path)
	}
	for _, t := range types {
		if t.NameParent != nil || t.Component != "" {
			continue
		}
		rest, _ := strings.CutPrefix(t.Pointer, o.Pointer)
		what := "a type of"
		switch {
		case strings.HasPrefix(rest, "/requestBody"):
			what = "the request body of"
		case strings.Contains(rest, "/headers/"):
			what = "a response header of"
		case strings.HasPrefix(rest, "/responses/"):
			code, _, _ := strings.Cut(strings.TrimPrefix(rest, "/responses/"), "/")
			what = fmt.Sprintf("the %s response to", code)
		case strings.Contains(t.Pointer, "/parameters/"):
			what = "a parameter of"
		}
		t.Usage = fmt.Sprintf("It is %s %s, a request the API sends: the client has no method for it.", what, subject)
	}
}

// checkCallbackLoops refuses path items and callbacks that contain a $ref
// back to themselves, such as a callback whose operation declares the same
// callback again: libopenapi v0.42 never returns from building such a
// document. Each loop is reported once, at the $ref that closes it.
func (l *loader) checkCallbackLoops(root *yaml.Node) {
	if root == nil {
		return
	}
	doc := root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	type refAt struct {
		at     string // where the $ref is written
		target string
		node   *yaml.Node
	}
	opLike := func(ref string) bool {
		for _, p := range []string{"#/components/callbacks/", "#/components/pathItems/", "#/paths/", "#/webhooks/"} {
			if strings.HasPrefix(ref, p) {
				return true
			}
		}
		return false
	}
	var refs []refAt
	walkRefs(doc, func(key *yaml.Node, ref, ptr string) {
		if opLike(ref) {
			refs = append(refs, refAt{ptr, ref, key})
		}
	})
	if len(refs) == 0 {
		return
	}
	const (
		visiting = 1
		done     = 2
	)
	state := map[string]int{}
	var visit func(target string)
	visit = func(target string) {
		state[target] = visiting
		for _, r := range refs {
			if r.at != target && !strings.HasPrefix(r.at, target+"/") {
				continue
			}
			switch state[r.target] {
			case visiting:
				l.errorf(l.pos(r.node), r.at, "$ref %s refers back to a path item or callback it is part of: such a loop is not supported", r.target)
			case 0:
				visit(r.target)
			}
		}
		state[target] = done
	}
	for _, r := range refs {
		if state[r.target] == 0 {
			visit(r.target)
		}
	}
}
