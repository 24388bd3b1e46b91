package templates

// Opt and Nullable are plain structs without methods, on purpose: a method of
// a generic type is compiled once for every type argument of a different
// shape, and a large API has thousands of them (measured: 2,000 struct types
// behind a four-method wrapper make a package take 96 s and 74,000 functions
// to compile; without methods, 5 s and 4,000). The JSON helpers in json.go
// read the fields by reflection instead.

// Opt is an optional field that may not be null. It is sent when Set is
// true, even when Value is false, 0 or "", and left out otherwise: the zero
// Opt is absent. Make one with Some.
type Opt[T any] struct {
	Value T    // the value; the zero value of T when the field is absent
	Set   bool // whether the field is present
}

// Some returns an Opt holding v.
func Some[T any](v T) Opt[T] { return Opt[T]{Value: v, Set: true} }

// Nullable is a field that may hold null. It has three states:
//   - absent, the zero Nullable: left out of the JSON object, which in a
//     PATCH body means "keep";
//   - null, made with Null: sent as null, "clear";
//   - a value, made with Value: sent as the value, "set".
//
// Decoding sets Set for a member that is present, and Null as well when it
// is null. When encoding, Null wins over Value, and nothing is sent unless
// Set or Null is true.
type Nullable[T any] struct {
	Value T    // the value; the zero value of T when absent or null
	Set   bool // whether the field is present: a value, or null
	Null  bool // whether the field is an explicit null
}

// Value returns a Nullable holding v.
func Value[T any](v T) Nullable[T] { return Nullable[T]{Value: v, Set: true} }

// Null returns a Nullable holding an explicit JSON null.
func Null[T any]() Nullable[T] { return Nullable[T]{Set: true, Null: true} }
