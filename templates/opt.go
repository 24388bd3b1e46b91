package templates

import "bytes"

// Opt is an optional field that may not be null: it is either absent or holds
// a value. The zero Opt is absent and is left out of the JSON object; a value
// that was set is always sent, even false, 0 or "".
//
// A server that sends null where the spec does not allow it does not fail
// the decoding: the Opt reads as absent, and re-encoding writes the null
// back, so nothing is lost.
type Opt[T any] struct {
	value   T
	set     bool
	wasNull bool // decoded from a JSON null the spec does not allow
}

// Some returns an Opt holding v.
func Some[T any](v T) Opt[T] { return Opt[T]{value: v, set: true} }

// Get returns the value and whether one is set.
func (o Opt[T]) Get() (T, bool) { return o.value, o.set }

// Or returns the value, or def when the field is absent.
func (o Opt[T]) Or(def T) T {
	if o.set {
		return o.value
	}
	return def
}

// IsSet reports whether a value is set.
func (o Opt[T]) IsSet() bool { return o.set }

// IsZero reports whether the field is absent, so that `omitzero` leaves it out.
func (o Opt[T]) IsZero() bool { return !o.set }

// MarshalJSON encodes the value. An absent Opt encodes as null, which only
// happens when it is not inside a generated struct that leaves it out.
func (o Opt[T]) MarshalJSON() ([]byte, error) {
	if !o.set {
		return []byte("null"), nil
	}
	return marshalValue(o.value, false)
}

// UnmarshalJSON decodes a value, or remembers a null.
func (o *Opt[T]) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		*o = Opt[T]{wasNull: true}
		return nil
	}
	var v T
	if err := decodeValue(data, &v); err != nil {
		return err
	}
	*o = Opt[T]{value: v, set: true}
	return nil
}

func (o Opt[T]) present() bool { return o.set || o.wasNull }

func (o Opt[T]) encodeJSON(e *encoder) {
	if !o.set {
		e.null()
		return
	}
	e.value(o.value)
}

// Nullable is a field that may hold null. It has three states: absent, null,
// and a value. The zero Nullable is absent and is left out of the JSON object,
// which in a PATCH body means "keep"; Null means "clear"; Value means "set".
type Nullable[T any] struct {
	value T
	state nullState
}

type nullState uint8

const (
	nullAbsent nullState = iota
	nullNull
	nullValue
)

// Value returns a Nullable holding v.
func Value[T any](v T) Nullable[T] { return Nullable[T]{value: v, state: nullValue} }

// Null returns a Nullable holding an explicit JSON null.
func Null[T any]() Nullable[T] { return Nullable[T]{state: nullNull} }

// Get returns the value and whether there is one (false when absent or null).
func (n Nullable[T]) Get() (T, bool) { return n.value, n.state == nullValue }

// Or returns the value, or def when the field is absent or null.
func (n Nullable[T]) Or(def T) T {
	if n.state == nullValue {
		return n.value
	}
	return def
}

// IsSet reports whether the field is present: an explicit null or a value.
func (n Nullable[T]) IsSet() bool { return n.state != nullAbsent }

// IsNull reports whether the field holds an explicit null.
func (n Nullable[T]) IsNull() bool { return n.state == nullNull }

// IsZero reports whether the field is absent, so that `omitzero` leaves it out.
func (n Nullable[T]) IsZero() bool { return n.state == nullAbsent }

// MarshalJSON encodes null or the value. An absent Nullable encodes as null,
// which only happens for a required field, where null is the only way to say
// "no value".
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if n.state != nullValue {
		return []byte("null"), nil
	}
	return marshalValue(n.value, false)
}

// UnmarshalJSON decodes null or a value.
func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		*n = Nullable[T]{state: nullNull}
		return nil
	}
	var v T
	if err := decodeValue(data, &v); err != nil {
		return err
	}
	*n = Nullable[T]{value: v, state: nullValue}
	return nil
}

func (n Nullable[T]) present() bool { return n.state != nullAbsent }

func (n Nullable[T]) encodeJSON(e *encoder) {
	if n.state != nullValue {
		e.null()
		return
	}
	e.value(n.value)
}

func isNull(data []byte) bool { return string(bytes.TrimSpace(data)) == "null" }
