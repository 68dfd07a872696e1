// lextraite — amélioration progressive : un bouton « Copier » à côté de
// chaque référence. La page fonctionne entièrement sans ce script.
(function () {
  "use strict";
  if (!navigator.clipboard || !document.querySelectorAll) return;
  document.querySelectorAll(".reftext").forEach(function (ref) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "copy";
    b.textContent = "Copier";
    b.addEventListener("click", function () {
      navigator.clipboard.writeText(ref.textContent).then(function () {
        b.textContent = "Copié";
        setTimeout(function () { b.textContent = "Copier"; }, 1500);
      });
    });
    ref.parentNode.appendChild(b);
  });
})();
