package config

import "github.com/oagen-dev/oagen/internal/model"

// streams types the events of the operations Streams names: the data of
// each event of the operation's text/event-stream response decodes into the
// component schema given, as if the spec gave it as the itemSchema. An entry
// whose operation, schema or event stream does not exist is an error: the
// SDK would otherwise silently keep the untyped stream asked to be typed.
func (a *applier) streams() {
	for _, r := range a.c.Streams {
		var schema *model.Type
		for _, t := range a.api.Types {
			if t.Component == r.Name.Value {
				schema = t
				break
			}
		}
		if schema == nil {
			a.errorf(r.Name.Pos, nil, "streams entry %q names no component schema %q", r.Key.Value, r.Name.Value)
			continue
		}
		found := false
		for _, op := range a.api.Operations {
			if op.ID != r.Key.Value {
				continue
			}
			found = true
			c, _ := op.EventStream()
			if c == nil {
				a.errorf(r.Key.Pos, []model.Related{{Pos: op.Pos, Pointer: op.Pointer}}, "streams entry %q has no text/event-stream response", r.Key.Value)
				continue
			}
			c.ItemType = schema
		}
		if !found {
			a.errorf(r.Key.Pos, nil, "streams entry %q names no operationId", r.Key.Value)
		}
	}
}
