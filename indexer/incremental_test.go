package indexer

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"lextraite/corpus"
)

// cloneDocs copies the documents and their provision slices, so that a
// test can change one version without touching the other.
func cloneDocs(in []*corpus.Document) []*corpus.Document {
	out := make([]*corpus.Document, len(in))
	for i, d := range in {
		c := *d
		c.Provisions = slices.Clone(d.Provisions)
		out[i] = &c
	}
	return out
}

// TestIncrementalBuild: a second Build over the previous generation applies
// only the differences (a document added, one removed, one whose metadata
// changed, one provision gone), reuses the previous segment files, and
// searches it exactly like a full build of the same documents.
func TestIncrementalBuild(t *testing.T) {
	ctx := context.Background()
	base := cloneDocs(benchDocs(t)) // real documents, the Benin code among them
	base = slices.DeleteFunc(base, func(d *corpus.Document) bool { return d.ID == syntheticDoc().ID })
	var bjIdx, deIdx, cesedaIdx = -1, -1, -1
	for i, d := range base {
		switch {
		case d.Jurisdiction == "bj":
			bjIdx = i
		case d.Language == "de":
			deIdx = i
		case strings.Contains(d.ID, "ceseda"):
			cesedaIdx = i
		}
	}
	if bjIdx < 0 || deIdx < 0 || cesedaIdx < 0 {
		t.Fatalf("test documents changed: bj %d de %d ceseda %d", bjIdx, deIdx, cesedaIdx)
	}

	dir := t.TempDir()
	if err := Build(ctx, dir, cloneDocs(base), Stats{}, nil); err != nil {
		t.Fatal(err)
	}
	st, err := ReadStats(dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Update == nil || st.Update.Mode != ModeFull || st.Update.Reason == "" {
		t.Fatalf("first build: %+v", st.Update)
	}
	firstGen, _ := currentGen(dir)

	// The next corpus: the German protocol removed, the (labelled
	// synthetic) test document added, the CESEDA extract re-dated (its
	// metadata, not its text), the last Benin article dropped.
	next := cloneDocs(base)
	de := next[deIdx]
	bj := next[bjIdx]
	dropped := bj.Provisions[len(bj.Provisions)-1]
	bj.Provisions = bj.Provisions[:len(bj.Provisions)-1]
	next[cesedaIdx].Date = "2024-01-26"
	ceseda := next[cesedaIdx]
	next = slices.Delete(next, deIdx, deIdx+1)
	next = append(next, syntheticDoc())

	if err := Build(ctx, dir, cloneDocs(next), Stats{}, nil); err != nil {
		t.Fatal(err)
	}
	st, err = ReadStats(dir)
	if err != nil {
		t.Fatal(err)
	}
	u := st.Update
	wantAdded := 1 + len(syntheticDoc().Provisions)
	wantRemoved := 1 + len(de.Provisions) + 1
	wantChanged := 1 + len(ceseda.Provisions)
	if u == nil || u.Mode != ModeIncremental || u.Added != wantAdded || u.Removed != wantRemoved || u.Changed != wantChanged {
		t.Fatalf("update: %+v, want incrémentale +%d ~%d -%d", u, wantAdded, wantChanged, wantRemoved)
	}
	wantDocs := [][]string{{syntheticDoc().ID}, {bj.ID, ceseda.ID}, {de.ID}}
	slices.Sort(wantDocs[1])
	for i, got := range [][]string{u.DocsAdded, u.DocsChanged, u.DocsRemoved} {
		if !slices.Equal(got, wantDocs[i]) {
			t.Errorf("documents added/changed/removed [%d] = %v, want %v", i, got, wantDocs[i])
		}
	}
	secondGen, _ := currentGen(dir)
	if secondGen == firstGen {
		t.Fatal("no new generation")
	}
	// The segment of the first build is shared, not rewritten.
	segs, _ := filepath.Glob(filepath.Join(dir, firstGen, bleveDir, "store", "*.zap"))
	if len(segs) == 0 {
		t.Fatal("no segment in the first generation")
	}
	a, _ := os.Stat(segs[0])
	b, err := os.Stat(filepath.Join(dir, secondGen, bleveDir, "store", filepath.Base(segs[0])))
	if err != nil || !os.SameFile(a, b) {
		t.Errorf("segment %s not reused by the update (%v)", filepath.Base(segs[0]), err)
	}

	full := t.TempDir()
	if err := BuildFull(ctx, full, cloneDocs(next), Stats{}, nil); err != nil {
		t.Fatal(err)
	}
	upd, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer upd.Close()
	ref, err := Open(full)
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	for _, q := range []string{"traite des personnes", "zorglub", "esclavage", "séjour", "Menschenhandel",
		"article " + dropped.Number + " code pénal bénin", "peine d'emprisonnement et amende"} {
		r1 := doSearch(t, upd, Request{Query: q, Limit: 50, Facets: true})
		r2 := doSearch(t, ref, Request{Query: q, Limit: 50, Facets: true})
		if r1.Total != r2.Total {
			t.Errorf("%q: %d hits after update, %d after a full build", q, r1.Total, r2.Total)
			continue
		}
		// The ranking is the full build's: BM25 statistics (bleve's average
		// field length comes from the term dictionaries) still count the
		// terms of deleted documents until segments merge, as in Lucene,
		// so scores drift a little (ties may swap), never the set of hits.
		pos := map[string]int{}
		for i, h := range r1.Hits {
			pos[h.ID] = i
		}
		for i, h := range r2.Hits {
			j, ok := pos[h.ID]
			if !ok && i < 10 {
				t.Errorf("%q: %s (rank %d of the full build) missing after update", q, h.ID, i+1)
				continue
			}
			if ok && i < 10 && math.Abs(r1.Hits[j].Score-h.Score) > 0.2*h.Score {
				t.Errorf("%q: %s rank %d score %.4g after update, rank %d score %.4g after a full build", q, h.ID, j+1, r1.Hits[j].Score, i+1, h.Score)
			}
		}
	}
	if n := doSearch(t, upd, Request{Query: "zorglub"}).Total; n == 0 {
		t.Error("added document not found after the update")
	}
	if _, ok := upd.Document(de.ID); ok {
		t.Error("removed document still in the store")
	}

	// Another program version (FORMAT differs): full build, with the reason.
	if err := os.WriteFile(filepath.Join(dir, secondGen, formatFile), []byte("v0 autre\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Build(ctx, dir, cloneDocs(next), Stats{}, nil); err != nil {
		t.Fatal(err)
	}
	if st, _ := ReadStats(dir); st.Update == nil || st.Update.Mode != ModeFull || !strings.Contains(st.Update.Reason, "version") {
		t.Errorf("after a FORMAT change: %+v", st.Update)
	}
	// Nothing changed: an update with no difference.
	if err := Build(ctx, dir, cloneDocs(next), Stats{}, nil); err != nil {
		t.Fatal(err)
	}
	if st, _ := ReadStats(dir); st.Update == nil || st.Update.Mode != ModeIncremental || st.Update.Added+st.Update.Changed+st.Update.Removed != 0 {
		t.Errorf("unchanged corpus: %+v", st.Update)
	}
}

// TestFieldInputs guards the incremental build: changing any string or
// string-list field of a Document or a Provision (or the decision's court)
// that changes its bleve fields must change its hash, else an update
// would keep a stale bleve document.
func TestFieldInputs(t *testing.T) {
	base := testDocs(t)[0]
	fieldsJSON := func(d *corpus.Document) map[string]string {
		out := map[string]string{}
		b, _ := json.Marshal(documentFields(d))
		out[d.ID] = string(b)
		for i := range d.Provisions {
			b, _ := json.Marshal(provisionFields(d, &d.Provisions[i]))
			out[d.Provisions[i].ID] = string(b)
		}
		return out
	}
	check := func(what string, d *corpus.Document) {
		t.Helper()
		before, after := fieldsJSON(base), fieldsJSON(d)
		hb, ha := fieldHashes([]*corpus.Document{base}), fieldHashes([]*corpus.Document{d})
		for id, f := range after {
			if before[id] != f && hb[id] == ha[id] {
				t.Errorf("%s: fields of %s changed, hash did not", what, id)
			}
		}
	}
	mutate := func(v reflect.Value, name string, visit func(string)) {
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			if !f.CanSet() {
				continue
			}
			switch {
			case f.Kind() == reflect.String:
				old := f.String()
				f.SetString(old + " modifié")
				visit(name + "." + v.Type().Field(i).Name)
				f.SetString(old)
			case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
				old := f.Interface()
				f.Set(reflect.Append(reflect.MakeSlice(f.Type(), 0, f.Len()+1), reflect.ValueOf("ajout").Convert(f.Type().Elem())))
				visit(name + "." + v.Type().Field(i).Name)
				f.Set(reflect.ValueOf(old))
			}
		}
	}
	d := cloneDocs([]*corpus.Document{base})[0]
	mutate(reflect.ValueOf(d).Elem(), "Document", func(what string) { check(what, d) })
	for i := range d.Provisions {
		mutate(reflect.ValueOf(&d.Provisions[i]).Elem(), "Provision", func(what string) { check(what, d) })
	}
	d.Decision = &corpus.Decision{}
	mutate(reflect.ValueOf(d.Decision).Elem(), "Decision", func(what string) { check(what, d) })
}
