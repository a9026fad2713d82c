// A strength meter under every input[data-strength-meter]. The server judges (the same check as when the password
// is saved); this only asks it, 300 ms after the last keystroke. The form's inputs named in data-strength-inputs and
// the words in data-strength-words are sent along, so a password containing the user's name shows as refused too.
(function () {
    'use strict';

    function wire(input) {
        const form = input.form;
        const token = form.querySelector('input[name="__RequestVerificationToken"]');
        const meter = document.createElement('meter');
        meter.min = 0;
        meter.max = 4;
        meter.low = 2.5;
        meter.high = 3.5;
        meter.optimum = 4;
        meter.value = 0;
        meter.className = 'password-meter';
        const label = document.createElement('small');
        label.className = 'form-text ms-2 password-meter-label';
        label.setAttribute('aria-live', 'polite');
        const holder = document.createElement('div');
        holder.append(meter, label);
        input.insertAdjacentElement('afterend', holder);
        meter.setAttribute('aria-label', input.dataset.strengthLabel || '');

        let timer;
        let sequence = 0;
        input.addEventListener('input', function () {
            clearTimeout(timer);
            timer = setTimeout(async function () {
                const mine = ++sequence;
                const body = new URLSearchParams();
                body.append('password', input.value);
                (input.dataset.strengthInputs || '').split(' ').filter(Boolean).forEach(function (name) {
                    const other = form.elements.namedItem(name);
                    if (other && other.value) {
                        body.append('words', other.value);
                    }
                });
                (input.dataset.strengthWords || '').split('\n').filter(Boolean).forEach(function (word) {
                    body.append('words', word);
                });
                try {
                    const response = await fetch(input.dataset.strengthMeter || '/password-strength', {
                        method: 'POST',
                        credentials: 'same-origin',
                        headers: { 'RequestVerificationToken': token ? token.value : '' },
                        body: body,
                    });
                    if (!response.ok || mine !== sequence) {
                        return;
                    }
                    const verdict = await response.json();
                    meter.value = verdict.score;
                    label.textContent = verdict.label;
                    label.classList.toggle('text-danger', !verdict.acceptable);
                    label.classList.toggle('text-success', verdict.acceptable);
                } catch (e) {
                    console.warn('password strength', e);
                }
            }, 300);
        });
    }

    function wireAll() {
        document.querySelectorAll('input[data-strength-meter]').forEach(wire);
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', wireAll);
    } else {
        wireAll();
    }
})();
