// The account menu is a <details> disclosure: it opens and closes without script (Enter or Space on its summary).
// This adds what a menu is expected to do besides: Escape closes it and puts focus back on its summary, and a click
// or focus outside it closes it.
(function () {
    'use strict';
    function openMenus() {
        return document.querySelectorAll('details.account-menu[open]');
    }

    document.addEventListener('keydown', function (event) {
        if (event.key !== 'Escape') {
            return;
        }
        openMenus().forEach(function (menu) {
            menu.removeAttribute('open');
            menu.querySelector('summary').focus();
        });
    });

    function closeOutside(event) {
        openMenus().forEach(function (menu) {
            if (!menu.contains(event.target)) {
                menu.removeAttribute('open');
            }
        });
    }

    document.addEventListener('click', closeOutside);
    document.addEventListener('focusin', closeOutside);
})();
