package model

// Pin is a Go name the user chose for a type, a field or an operation's
// method, with x-go-name in the spec or under names in oagen.yaml. The naming
// pass gives the item exactly this name and never renames it; a pinned name
// that collides with another name is an error that names both places.
type Pin struct {
	Name   string // the Go name, e.g. "Order"
	Pos    Pos    // where the name is written: the x-go-name in the spec, or the line of oagen.yaml
	Source string // what set it, for messages: "x-go-name" or "oagen.yaml names.schemas"
}
