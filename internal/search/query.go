package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Query words shorter than this many UTF-16 code units are left out: a
// shard holds the words of one two-unit beginning, and one letter
// narrows nothing.
const minQueryUnits = prefixUnits

// QueryWords are the words of a query that are searched for, without
// repeats.
func QueryWords(query string) []string {
	var out []string
	for _, w := range Words(query) {
		if unitLen(w) >= minQueryUnits && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// Search does what assets/search.js does, in Go, for tests: the ids of the
// postings of which every word of query begins a word, ascending, read
// from the files of an index by name. A query with no word to search for
// finds nothing.
func Search(files map[string][]byte, query string) ([]int, error) {
	var meta Meta
	if err := json.Unmarshal(files["index.json"], &meta); err != nil {
		return nil, fmt.Errorf("index.json: %w", err)
	}
	words := QueryWords(query)
	if len(words) == 0 {
		return nil, nil
	}
	var hits []int
	for i, q := range words {
		name := shardName(shardOf(q, meta.Shards))
		ids, err := matching(string(files[name]), q)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if i == 0 {
			hits = ids
		} else {
			hits = intersect(hits, ids)
		}
	}
	return hits, nil
}

// matching are the ids of the words of a shard that begin with q, in one
// ascending list.
func matching(shard, q string) ([]int, error) {
	seen := map[int]bool{}
	for line := range strings.Lines(shard) {
		w, list, ok := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		if !ok {
			return nil, fmt.Errorf("line %q has no tab", line)
		}
		if !strings.HasPrefix(w, q) {
			continue
		}
		ids, err := DecodeIDs(list)
		if err != nil {
			return nil, fmt.Errorf("word %q: %w", w, err)
		}
		for _, id := range ids {
			seen[id] = true
		}
	}
	return slices.Sorted(func(yield func(int) bool) {
		for id := range seen {
			if !yield(id) {
				return
			}
		}
	}), nil
}

// DecodeIDs reads ids written by encodeIDs.
func DecodeIDs(s string) ([]int, error) {
	var ids []int
	last := 0
	for part := range strings.SplitSeq(s, ",") {
		d, err := strconv.ParseInt(part, 36, 0)
		if err != nil || d < 0 || (len(ids) > 0 && d == 0) {
			return nil, fmt.Errorf("bad id difference %q", part)
		}
		last += int(d)
		ids = append(ids, last)
	}
	return ids, nil
}

func intersect(a, b []int) []int {
	var out []int
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

// Entry is one line of an entries chunk.
type Entry struct{ Slug, Title, Place, Contract string }

// EntryOf reads the entry of id from the files of an index.
func EntryOf(files map[string][]byte, id int) (Entry, error) {
	var meta Meta
	if err := json.Unmarshal(files["index.json"], &meta); err != nil {
		return Entry{}, fmt.Errorf("index.json: %w", err)
	}
	if id < 0 || id >= meta.N || meta.Chunk < 1 {
		return Entry{}, fmt.Errorf("no posting %d in an index of %d", id, meta.N)
	}
	name := chunkName(id / meta.Chunk)
	lines := strings.Split(strings.TrimSuffix(string(files[name]), "\n"), "\n")
	if id%meta.Chunk >= len(lines) {
		return Entry{}, fmt.Errorf("%s: no line %d", name, id%meta.Chunk+1)
	}
	f := strings.Split(lines[id%meta.Chunk], "\t")
	if len(f) != 4 {
		return Entry{}, fmt.Errorf("%s: line %d has %d fields, want 4", name, id%meta.Chunk+1, len(f))
	}
	return Entry{f[0], f[1], f[2], f[3]}, nil
}
