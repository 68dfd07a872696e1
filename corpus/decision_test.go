package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func judilibreDoc(t *testing.T, rep *Report, source string) *Document {
	t.Helper()
	for _, d := range rep.Documents {
		if d.Source == source {
			return d
		}
	}
	t.Fatalf("pas de document %s", source)
	return nil
}

// The Cour de cassation sample: zones become sections in text order, the
// fields come from the en-tête and the record and agree.
func TestDecisionCassationZones(t *testing.T) {
	rep := realCorpus(t)
	d := judilibreDoc(t, rep, "decisions/fr/judilibre-samples/cass-sample_detail_resolved-19-19.463.json")
	var anchors []string
	for _, p := range d.Provisions {
		anchors = append(anchors, p.Anchor)
	}
	want := "introduction expose moyens motivations moyens-2 motivations-2 dispositif annexes"
	if got := strings.Join(anchors, " "); got != want {
		t.Errorf("sections %q, attendu %q", got, want)
	}
	dec := d.Decision
	if dec == nil {
		t.Fatal("pas de Decision")
	}
	if dec.Court != "Cour de cassation" || dec.Date != "2020-11-18" || dec.Number != "19-19.463" || dec.ECLI != "ECLI:FR:CCASS:2020:CO00740" {
		t.Errorf("en-tête lu : %+v", dec)
	}
	if len(dec.Conflicts) != 0 {
		t.Errorf("conflits inattendus : %v", dec.Conflicts)
	}
	if !strings.HasPrefix(dec.Outcome, "Rejet") {
		t.Errorf("solution %q", dec.Outcome)
	}
	if len(dec.Visas) == 0 || !strings.Contains(dec.Visas[0], "L. 721-3") {
		t.Errorf("visas %q", dec.Visas)
	}
	for _, p := range d.Provisions {
		if p.Anchor == "dispositif" && !strings.HasPrefix(p.Text, "PAR CES MOTIFS") {
			t.Errorf("dispositif commence par %q", p.Text[:40])
		}
	}
}

// SOURCES.md: the Chambéry sample's record (date 2020-11-18, n° 20/00804,
// commercial chamber) contradicts its text (15 février 2022, RG 20/00024).
// The text wins and the disagreement is recorded; its zones do not fit
// the text, so the sections come from the headings.
func TestDecisionChamberyConflicts(t *testing.T) {
	rep := realCorpus(t)
	d := judilibreDoc(t, rep, "decisions/fr/judilibre-samples/ca-sample_detail_resolved-chambery.json")
	dec := d.Decision
	if dec.Date != "2022-02-15" || dec.Number != "20/00024" {
		t.Errorf("date %s, n° %s ; attendu ceux du texte", dec.Date, dec.Number)
	}
	got := strings.Join(dec.Conflicts, " | ")
	for _, w := range []string{"2020-11-18", "20/00804", "Chambre commerciale"} {
		if !strings.Contains(got, w) {
			t.Errorf("conflit %q non relevé : %q", w, got)
		}
	}
	last := d.Provisions[len(d.Provisions)-1]
	if last.Anchor != "dispositif" || !strings.Contains(last.Text, "Confirme le jugement déféré") {
		t.Errorf("dernière section %s : %.60q", last.Anchor, last.Text)
	}
}

// Names listed under `mask:` in a sidecar never reach the documents. The
// real Chambéry file is read from a temporary folder (the test's, not the
// repository's) with a sidecar naming the court's president and clerk.
func TestMaskNamesSidecar(t *testing.T) {
	src := filepath.Join(corpusRoot, "decisions/fr/judilibre-samples/ca-sample_detail_resolved-chambery.json")
	b, err := os.ReadFile(src)
	if err != nil {
		t.Skipf("corpus partagé absent : %v", err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "arret.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	side := "mask:\n  - Michel FICAGNA\n  - LAVAL\n"
	if err := os.WriteFile(filepath.Join(dir, "arret.meta.yaml"), []byte(side), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := LoadDir(dir, Options{})
	if err != nil || len(rep.Documents) != 1 {
		t.Fatalf("LoadDir : %v, %d documents", err, len(rep.Documents))
	}
	d := rep.Documents[0]
	all := d.Preamble + d.Title
	for _, p := range d.Provisions {
		all += p.Text
	}
	for _, name := range []string{"FICAGNA", "LAVAL"} {
		if strings.Contains(all, name) {
			t.Errorf("%s n'est pas masqué", name)
		}
	}
	if !strings.Contains(all, "[X]") {
		t.Error("aucun masque [X] posé")
	}
}

func TestMaskNames(t *testing.T) {
	// a sentence of the Chambéry decision
	s := "et signé par Michel FICAGNA, Président et Sylvie LAVAL, Greffier."
	got := MaskNames(s, []string{"Sylvie LAVAL", "ficagna", "Michel FICAGNA"})
	if got != "et signé par [X], Président et [X], Greffier." {
		t.Errorf("MaskNames = %q", got)
	}
	if MaskNames("LAVALLÉE", []string{"LAVAL"}) != "LAVALLÉE" {
		t.Error("un nom masqué à l'intérieur d'un mot")
	}
}
