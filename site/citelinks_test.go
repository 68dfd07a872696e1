package site

import (
	"html/template"
	"strings"
	"testing"

	"lextraite/corpus"
)

// TestLinkedParagraphs: citations become links (resolved) or marked spans
// (unresolved) at their byte offsets; everything else is escaped, and the
// paragraphs are those of paragraphs(). Synthetic text.
func TestLinkedParagraphs(t *testing.T) {
	text := "Voir l'article 2 <b>ici</b>.  \n\nSelon la loi n° 2099-1 ; fin."
	art := strings.Index(text, "article 2")
	loi := strings.Index(text, "loi n° 2099-1")
	cits := []corpus.Citation{
		{Text: "article 2", Start: art, End: art + len("article 2"), Kind: "article", Target: "synth/art-2", Label: "Synthétique, art. 2"},
		{Text: "loi n° 2099-1", Start: loi, End: loi + len("loi n° 2099-1"), Kind: "loi", Label: "Loi synthétique"},
		{Text: "décalée", Start: 1, End: 8}, // offsets that do not match: ignored
	}
	got := linkedParagraphs(text, cits, citationHref)
	want := []template.HTML{
		`Voir l&#39;<a class="cit" href="/doc/synth/art-2" title="Synthétique, art. 2">article 2</a> &lt;b&gt;ici&lt;/b&gt;.`,
		`Selon la <span class="cit-nr" title="Texte absent de la base : Loi synthétique">loi n° 2099-1</span> ; fin.`,
	}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("linkedParagraphs =\n%q\nwant\n%q", got, want)
	}
	if p := paragraphs(text); len(p) != 2 || p[0] != "Voir l'article 2 <b>ici</b>." {
		t.Errorf("paragraphs = %q", p)
	}
}
