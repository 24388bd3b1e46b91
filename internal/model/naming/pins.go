package naming

import (
	"fmt"
	"go/token"

	"github.com/oagen-dev/oagen/internal/model"
)

// owner is something that holds a Go name in one scope: the package, a
// struct or a service.
type owner struct {
	name    string
	pin     *model.Pin // nil unless the user chose the name
	pos     model.Pos
	pointer string
}

func (o owner) place() model.Related {
	if o.pin != nil {
		return model.Related{Pos: o.pin.Pos, Pointer: o.pointer}
	}
	return model.Related{Pos: o.pos, Pointer: o.pointer}
}

func (o owner) describe() string {
	switch {
	case o.pin != nil:
		return fmt.Sprintf("the same name from %s for %s", o.pin.Source, o.pointer)
	case o.pointer == "":
		return "a name the support code of every generated package declares"
	}
	return "the name oagen gives " + o.pointer
}

// CheckPinned reports every pinned name (x-go-name, oagen.yaml) that is not
// an exported Go identifier or that collides with another name in its scope:
// the package (types, enum constants, union constructors, services,
// parameter structs, the support code), a struct's fields, or a service's
// methods. Run it after Resolve. Each problem is placed at the pin and names
// the other place.
func CheckPinned(api *model.API) model.Diagnostics {
	var ds model.Diagnostics
	pinned := false
	check := func(o owner) {
		if o.pin == nil {
			return
		}
		pinned = true
		if !token.IsIdentifier(o.name) || !token.IsExported(o.name) {
			ds = append(ds, &model.Diagnostic{Pos: o.pin.Pos, Pointer: o.pointer,
				Message: fmt.Sprintf("Go name %q from %s is not an exported Go identifier", o.name, o.pin.Source)})
		}
	}
	scope := func(owners []owner) {
		first := map[string]owner{}
		for _, o := range owners {
			check(o)
			prev, ok := first[o.name]
			if !ok {
				first[o.name] = o
				continue
			}
			a, b := o, prev // a is reported, at its pin
			if a.pin == nil {
				a, b = b, a
			}
			if a.pin == nil {
				continue // the naming pass keeps unpinned names apart
			}
			d := &model.Diagnostic{Pos: a.pin.Pos, Pointer: a.pointer,
				Message: fmt.Sprintf("Go name %q from %s collides with %s", a.name, a.pin.Source, b.describe())}
			if b.pointer != "" {
				d.Related = []model.Related{b.place()}
			}
			ds = append(ds, d)
		}
	}

	var pkg []owner
	for _, n := range Reserved {
		pkg = append(pkg, owner{name: n})
	}
	for _, t := range api.Types {
		if t.Named && t.GoName != "" {
			pkg = append(pkg, owner{name: t.GoName, pin: t.Pin, pos: t.Pos, pointer: t.Pointer})
		}
	}
	for _, t := range api.Types {
		for i, v := range t.Values {
			pkg = append(pkg, owner{name: v.GoName, pos: v.Value.Pos, pointer: fmt.Sprintf("%s/enum/%d", t.Pointer, i)})
		}
		for _, v := range t.Variants {
			if v.Constructor != "" {
				pkg = append(pkg, owner{name: v.Constructor, pos: t.Pos, pointer: t.Pointer})
			}
		}
	}
	for _, s := range api.AllServices() {
		o := owner{name: s.TypeName}
		if len(s.Operations) > 0 {
			o.pos, o.pointer = s.Operations[0].Pos, s.Operations[0].Pointer
		}
		pkg = append(pkg, o)
	}
	for _, op := range api.Operations {
		if op.ParamsType != "" {
			pkg = append(pkg, owner{name: op.ParamsType, pos: op.Pos, pointer: op.Pointer})
		}
	}
	scope(pkg)

	for _, t := range api.Types {
		if len(t.Fields) == 0 {
			continue
		}
		var fs []owner
		for n := range reservedFields {
			if t.Kind == model.KindStruct {
				fs = append(fs, owner{name: n})
			}
		}
		for _, f := range t.Fields {
			fs = append(fs, owner{name: f.GoName, pin: f.Pin, pos: f.Pos, pointer: f.Pointer})
		}
		scope(fs)
	}
	for _, s := range api.AllServices() {
		var ms []owner
		for _, sub := range s.Subs {
			// A sub-service is a field of its parent: no method may take its name.
			o := owner{name: sub.GoName}
			if len(sub.Operations) > 0 {
				o.pos, o.pointer = sub.Operations[0].Pos, sub.Operations[0].Pointer
			}
			ms = append(ms, o)
		}
		for _, op := range s.Operations {
			if iface, ok := ReservedMethods[op.GoName]; ok && op.Pin != nil {
				pinned = true
				ds = append(ds, &model.Diagnostic{Pos: op.Pin.Pos, Pointer: op.Pointer,
					Message: fmt.Sprintf("Go name %q from %s is a method name Go reserves for %s: choose another", op.GoName, op.Pin.Source, iface)})
			}
			ms = append(ms, owner{name: op.GoName, pin: op.Pin, pos: op.Pos, pointer: op.Pointer})
			if op.PagerName != "" {
				ms = append(ms, owner{name: op.PagerName, pos: op.Pos, pointer: op.Pointer})
			}
			if op.StreamName != "" {
				ms = append(ms, owner{name: op.StreamName, pos: op.Pos, pointer: op.Pointer})
			}
			if op.MultipartName != "" {
				ms = append(ms, owner{name: op.MultipartName, pos: op.Pos, pointer: op.Pointer})
			}
			for _, tw := range op.MediaTwins {
				ms = append(ms, owner{name: tw.GoName, pos: op.Pos, pointer: op.Pointer})
			}
		}
		scope(ms)
	}
	if !pinned {
		return nil
	}
	ds.Sort()
	return ds
}
