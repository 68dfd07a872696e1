package indexer

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2"

	"lextraite/corpus"
)

// Index is one opened generation of the index: the bleve index plus all
// documents in memory (from store.json.zst). It is safe for concurrent use;
// Close must not be called while searches run (Live takes care of that).
type Index struct {
	gen   string // generation directory name, "gen-…"
	bleve bleve.Index
	stats Stats

	docs   map[string]*corpus.Document
	provs  map[string]provRef
	sorted []*corpus.Document // by jurisdiction, then title
	langs  []string           // languages present, in the order of languages

	// titled memoises titledQuery: "lang\x00phrase" → document ids.
	titled sync.Map
}

// provRef locates a provision in the store.
type provRef struct {
	doc *corpus.Document
	p   *corpus.Provision
}

// Open opens the generation dir/current points at. The error wraps
// ErrNoIndex when there is none (or it is incomplete).
func Open(dir string) (*Index, error) {
	name, err := currentGen(dir)
	if err != nil {
		return nil, err
	}
	return openGen(dir, name)
}

func openGen(dir, name string) (*Index, error) {
	gen := filepath.Join(dir, name)
	if !isComplete(gen) {
		return nil, fmt.Errorf("%w: génération %s incomplète", ErrNoIndex, name)
	}
	st, err := readStore(filepath.Join(gen, storeFile))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w: %v", ErrNoIndex, err)
		}
		return nil, fmt.Errorf("indexer: %w", err)
	}
	bi, err := bleve.OpenUsing(filepath.Join(gen, bleveDir), map[string]any{"read_only": true})
	if err != nil {
		return nil, fmt.Errorf("indexer: ouverture de %s: %w", name, err)
	}
	ix := &Index{
		gen:    name,
		bleve:  bi,
		stats:  st.Stats,
		docs:   make(map[string]*corpus.Document, len(st.Documents)),
		provs:  make(map[string]provRef, st.Stats.Provisions),
		sorted: slices.Clone(st.Documents),
	}
	present := map[string]bool{}
	for _, d := range st.Documents {
		ix.docs[d.ID] = d
		present[knownLanguage(d.Language)] = true
		for i := range d.Provisions {
			p := &d.Provisions[i]
			ix.provs[p.ID] = provRef{d, p}
			present[knownLanguage(firstNonEmpty(p.Language, d.Language))] = true
		}
	}
	for _, l := range languages {
		if present[l] {
			ix.langs = append(ix.langs, l)
		}
	}
	slices.SortStableFunc(ix.sorted, func(a, b *corpus.Document) int {
		return cmp.Or(cmp.Compare(a.Jurisdiction, b.Jurisdiction),
			cmp.Compare(a.Title, b.Title), cmp.Compare(a.ID, b.ID))
	})
	return ix, nil
}

// Document returns the document with the given id, with its provisions, and
// whether it exists. The document is shared: callers must not modify it.
func (ix *Index) Document(id string) (*corpus.Document, bool) {
	d, ok := ix.docs[id]
	return d, ok
}

// Documents returns all documents sorted by jurisdiction, then title. The
// slice is a fresh copy; the documents are shared and must not be modified.
func (ix *Index) Documents() []*corpus.Document {
	return slices.Clone(ix.sorted)
}

// Stats returns the statistics recorded by the Build of this generation.
func (ix *Index) Stats() Stats { return ix.stats }

// Generation returns the name of the opened generation directory
// ("gen-20260102T150405.000000000").
func (ix *Index) Generation() string { return ix.gen }

// Close closes the bleve index. Documents already returned stay valid.
func (ix *Index) Close() error {
	if err := ix.bleve.Close(); err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	return nil
}
