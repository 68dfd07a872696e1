package site

import (
	"strings"
	"testing"

	"lextraite/corpus"
	"lextraite/indexer"
)

// TestBuildLabel: how /corpus says when and how the index was built.
func TestBuildLabel(t *testing.T) {
	at := "2026-05-31T09:30:00Z"
	for _, c := range []struct {
		st   indexer.Stats
		want string
	}{
		{indexer.Stats{}, ""},
		{indexer.Stats{BuiltAt: at}, "Index construit le 31 mai 2026 à 09:30 UTC."},
		{indexer.Stats{BuiltAt: at, Update: &indexer.Update{Mode: indexer.ModeIncremental, Added: 394}},
			"Index mis à jour le 31 mai 2026 à 09:30 UTC (incrémental : 394 entrées ajoutées)."},
		{indexer.Stats{BuiltAt: at, Update: &indexer.Update{Mode: indexer.ModeIncremental, Added: 1, Changed: 2, Removed: 1}},
			"Index mis à jour le 31 mai 2026 à 09:30 UTC (incrémental : 1 entrée ajoutée, 2 entrées modifiées, 1 entrée supprimée)."},
		{indexer.Stats{BuiltAt: at, Update: &indexer.Update{Mode: indexer.ModeIncremental}},
			"Index mis à jour le 31 mai 2026 à 09:30 UTC (incrémental : aucune entrée changée)."},
		{indexer.Stats{BuiltAt: at, Update: &indexer.Update{Mode: indexer.ModeFull, Added: 6099, Reason: "pas d'index précédent"}},
			"Index reconstruit en entier le 31 mai 2026 à 09:30 UTC (6099 entrées ; raison : pas d'index précédent)."},
	} {
		if got := buildLabel(c.st); got != c.want {
			t.Errorf("buildLabel(%+v) = %q, want %q", c.st.Update, got, c.want)
		}
	}
}

// TestCorpusPageFilters: on the synthetic corpus, a filter keeps its
// documents, shows a removable chip, and echoed values come back escaped.
func TestCorpusPageFilters(t *testing.T) {
	h, _ := newTestServer(t, Config{})
	for _, c := range []struct {
		target   string
		status   int
		want     []string
		unwanted []string
	}{
		{"/corpus?juridiction=sn", 200, []string{"Document synthétique Bêta (test)", "Juridiction : Sénégal",
			`<option value="sn" selected>`, "1 document sur 3"}, []string{`<a href="/doc/synth-code-alpha">`}},
		{"/corpus?type=loi&juridiction=ml", 200, []string{"Aucun document pour ce filtre", `href="/corpus#documents"`}, nil},
		{"/corpus?page=2", 404, []string{"Pas de page 2", "Aller à la dernière page"}, nil},
		{"/corpus?type=%3Cscript%3E", 400, []string{"&lt;script&gt;"}, []string{"<script>alert"}},
		// The incomplete and skipped stay visible under a filter.
		{"/corpus?juridiction=sn", 200, []string{"synthetique/scan.pdf", "manque date"}, nil},
	} {
		w := get(t, h, c.target)
		if w.Code != c.status {
			t.Errorf("%s: status %d, want %d", c.target, w.Code, c.status)
		}
		body := w.Body.String()
		for _, s := range c.want {
			if !strings.Contains(body, s) {
				t.Errorf("%s: %q missing", c.target, s)
			}
		}
		for _, s := range c.unwanted {
			if strings.Contains(body, s) {
				t.Errorf("%s: %q present", c.target, s)
			}
		}
	}
}

// TestSkippedViewsSayKindOnce: the kind column names the problem; the
// reason does not repeat it.
func TestSkippedViewsSayKindOnce(t *testing.T) {
	v := skippedViews([]corpus.Skipped{
		{Path: "a.json", Code: "corrupt", Reason: corpus.ErrCorrupt.Error() + " : JSON invalide : fichier tronqué"},
		{Path: "b.doc", Code: "unsupported", Reason: corpus.ErrUnsupported.Error() + " : .doc (Word)"},
	})
	if v[0].Reason != "JSON invalide : fichier tronqué" || v[1].Reason != ".doc (Word)" || v[0].Kind != "fichier endommagé" {
		t.Errorf("views = %+v", v)
	}
}

// TestIgnoredFilesNeedNothing: a file left out on purpose is not told to
// be converted.
func TestIgnoredFilesNeedNothing(t *testing.T) {
	v := skippedViews([]corpus.Skipped{{Path: "SOURCES.md", Code: corpus.CodeIgnored, Reason: "notice de provenance du corpus, pas un texte juridique"}})
	if v[0].Kind != "ignoré volontairement" || strings.Contains(v[0].Remedy, "Convertir") {
		t.Errorf("view = %+v", v[0])
	}
}
