package indexer

import (
	"context"
	"testing"
)

// TestLiveCache: with SetCacheSize, a repeated request is answered from the
// cache with the same hits; a caller changing its copy does not change the
// cached response; a new generation starts with an empty cache, so a
// rebuilt index is searched, not remembered.
func TestLiveCache(t *testing.T) {
	docs := testDocs(t)
	ctx := context.Background()
	dir, l := liveOnFirstDoc(t, docs)
	l.SetCacheSize(8)

	r := Request{Query: "traite", Facets: true}
	first := doSearch(t, l, r)
	if first.Cached || first.Total == 0 {
		t.Fatalf("first search: cached %v, %d hits", first.Cached, first.Total)
	}
	first.Query, first.Hits = "modifié", nil // the caller's copy
	second := doSearch(t, l, r)
	if !second.Cached || second.Query != "traite" || len(second.Hits) == 0 || second.Total != doSearch(t, l, r).Total {
		t.Fatalf("second search: cached %v, query %q, %d hits", second.Cached, second.Query, len(second.Hits))
	}
	if other := doSearch(t, l, Request{Query: "traite", Offset: 1}); other.Cached {
		t.Error("another page answered from the cache of the first")
	}
	if n := doSearch(t, l, Request{Query: "zorglub"}).Total; n != 0 {
		t.Fatalf("zorglub before the rebuild: %d", n)
	}
	if err := Build(ctx, dir, docs, Stats{}, nil); err != nil {
		t.Fatal(err)
	}
	after := doSearch(t, l, Request{Query: "zorglub"})
	if after.Cached || after.Total != 1 {
		t.Errorf("after the rebuild: cached %v, %d hits (want a fresh search, 1 hit)", after.Cached, after.Total)
	}
	l.SetCacheSize(0)
	if doSearch(t, l, r).Cached || doSearch(t, l, r).Cached {
		t.Error("cache still used after SetCacheSize(0)")
	}
}
