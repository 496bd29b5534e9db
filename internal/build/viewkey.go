package build

import (
	"cmp"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sync"
)

// Keys derived from what the layouts receive. A page's key is the walk of
// its render.View (render.Renderer.KeyView), of every value a layout can
// reach in it, with the hashes of the files the values it leaves out are
// made from (see KeyView). A value added to the View, or a layout showing
// one it did not, is thus in the key without more ado: the keys cannot
// drift from the renderer as a list of fields kept in step by hand did.

// walk hashes v and everything it holds that a template can reach: the
// exported fields of structs, the elements of slices and arrays, the
// entries of maps in the order of their keys, what pointers and
// interfaces point to; nil is told apart from the zero value. Unexported
// fields are left out (a template cannot read them). A function or a
// channel cannot be keyed: walk panics, for a test to catch.
func (d *digest) walk(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		d.str(v.String())
	case reflect.Bool:
		d.bool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		d.u64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		d.u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		d.u64(math.Float64bits(v.Float()))
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			d.u64(0)
			return
		}
		d.u64(1)
		d.walk(v.Elem())
	case reflect.Slice, reflect.Array:
		d.int(v.Len())
		for i := range v.Len() {
			d.walk(v.Index(i))
		}
	case reflect.Map:
		d.walkMap(v)
	case reflect.Struct:
		for _, i := range d.exportedFields(v.Type()) {
			d.walk(v.Field(i))
		}
	default:
		panic(fmt.Sprintf("build: a page key cannot hold a %s", v.Type()))
	}
}

// fieldCache holds the indexes of the exported fields of struct types,
// by type: looking them up in the type at every value took a third of
// the walk. A keyer has one, for the digests it makes.
type fieldCache struct{ m sync.Map } // reflect.Type → []int

// exportedFields are the indexes of t's exported fields.
func (d *digest) exportedFields(t reflect.Type) []int {
	if d.fields != nil {
		if fields, ok := d.fields.m.Load(t); ok {
			return fields.([]int)
		}
	}
	var fields []int
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			fields = append(fields, i)
		}
	}
	if d.fields != nil {
		d.fields.m.Store(t, fields)
	}
	return fields
}

// walkMap walks a map's entries in the order of their keys (as fmt
// prints them: the order of the map is random).
func (d *digest) walkMap(v reflect.Value) {
	keys := v.MapKeys()
	names := make([]string, len(keys))
	order := make([]int, len(keys))
	for i, k := range keys {
		names[i], order[i] = fmt.Sprint(k.Interface()), i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(names[a], names[b]) })
	d.int(len(keys))
	for _, i := range order {
		d.walk(keys[i])
		d.walk(v.MapIndex(keys[i]))
	}
}

// value hashes v, a value of any type walk takes.
func (d *digest) value(v any) { d.walk(reflect.ValueOf(v)) }
