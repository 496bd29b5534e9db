package build

import (
	"reflect"
	"testing"

	"github.com/jobboard/jobboard/internal/render"
)

func walkKey(v any) uint64 {
	d := newDigest()
	d.value(v)
	return d.Sum64()
}

// TestWalkTellsApart: values a layout would show differently have
// different keys; a map's order does not count.
func TestWalkTellsApart(t *testing.T) {
	type inner struct{ A, B string }
	type outer struct {
		P      *inner
		S      []string
		M      map[string]int
		N      int
		hidden string
	}
	values := []any{
		outer{},
		outer{P: &inner{}},
		outer{P: &inner{A: "x"}},
		outer{P: &inner{B: "x"}},
		outer{S: []string{}, N: 1},
		outer{S: []string{""}},
		outer{S: []string{"a", "b"}},
		outer{S: []string{"ab"}},
		outer{M: map[string]int{"a": 1}},
		outer{M: map[string]int{"a": 2}},
		outer{M: map[string]int{"b": 1}},
		outer{N: 2},
	}
	seen := map[uint64]int{}
	for i, v := range values {
		k := walkKey(v)
		if j, ok := seen[k]; ok {
			t.Errorf("values %d and %d have the same key: %+v, %+v", j, i, values[j], v)
		}
		seen[k] = i
	}
	if walkKey(outer{hidden: "x"}) != walkKey(outer{}) {
		t.Error("an unexported field, which no layout can read, changed the key")
	}
	m := map[string]int{}
	for i := range 50 {
		m[string(rune('a'+i))] = i
	}
	if walkKey(m) != walkKey(map[string]int(m)) || walkKey(outer{M: m}) != walkKey(outer{M: m}) {
		t.Error("the same map has two keys")
	}
}

// TestViewLeaves: every value a layout can reach in a View (its
// exported fields, all the way down) changes the key when it changes,
// so that a value added to render.View is keyed: each leaf of a View
// filled with distinct values is changed in turn.
func TestViewLeaves(t *testing.T) {
	v := reflect.New(reflect.TypeOf(render.View{})).Elem()
	n := 0
	fill(v, &n, 3)
	base := walkKey(v.Addr().Interface())
	leaves := 0
	eachLeaf(v, func(leaf reflect.Value, path string) {
		leaves++
		old := reflect.ValueOf(leaf.Interface())
		bump(leaf)
		if walkKey(v.Addr().Interface()) == base {
			t.Errorf("View%s changed, the key did not", path)
		}
		leaf.Set(old)
	})
	if walkKey(v.Addr().Interface()) != base || leaves < 40 {
		t.Errorf("%d leaves walked; the key after putting them back: changed %v", leaves, walkKey(v.Addr().Interface()) != base)
	}
}

// fill gives every exported leaf under v a distinct value, slices and
// maps one element, pointers a value, down to depth levels of pointers.
func fill(v reflect.Value, n *int, depth int) {
	switch v.Kind() {
	case reflect.String:
		*n++
		v.SetString(string(rune('a' + *n)))
	case reflect.Bool:
		v.SetBool(*n%2 == 0)
		*n++
	case reflect.Int, reflect.Int64:
		*n++
		v.SetInt(int64(*n))
	case reflect.Pointer:
		if depth > 0 {
			v.Set(reflect.New(v.Type().Elem()))
			fill(v.Elem(), n, depth-1)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0), n, depth)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n, depth)
			}
		}
	}
}

// eachLeaf calls f with every settable leaf (string, bool, int) under v.
func eachLeaf(v reflect.Value, f func(reflect.Value, string)) {
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.String, reflect.Bool, reflect.Int, reflect.Int64:
			f(v, path)
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), path+"[]")
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if fd := v.Type().Field(i); fd.IsExported() {
					walk(v.Field(i), path+"."+fd.Name)
				}
			}
		}
	}
	walk(v, "")
}

// bump changes a leaf.
func bump(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "!")
	case reflect.Bool:
		v.SetBool(!v.Bool())
	default:
		v.SetInt(v.Int() + 1000)
	}
}
