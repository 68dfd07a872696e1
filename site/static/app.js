// lextraite — amélioration progressive. La page fonctionne entièrement sans
// ce script : il ajoute un bouton « Copier » à côté de chaque référence et
// suit d'office le renvoi vers la partie d'un long document qui contient
// l'article demandé (/doc/ID#art-499 → /doc/ID?partie=3#art-499).
(function () {
  "use strict";
  if (!document.querySelectorAll) return;
  var follow = function () {
    var id = decodeURIComponent(location.hash.slice(1));
    var t = id && document.getElementById(id);
    if (t && t.classList.contains("jump")) location.replace(t.href);
  };
  follow();
  window.addEventListener("hashchange", follow);
  if (!navigator.clipboard) return;
  document.querySelectorAll(".reftext").forEach(function (ref) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "copy";
    b.textContent = "Copier";
    b.setAttribute("aria-label", "Copier la référence");
    b.addEventListener("click", function () {
      navigator.clipboard.writeText(ref.textContent).then(function () {
        b.textContent = "Copié";
        setTimeout(function () { b.textContent = "Copier"; }, 1500);
      });
    });
    ref.parentNode.insertBefore(b, ref.nextSibling);
  });
})();
