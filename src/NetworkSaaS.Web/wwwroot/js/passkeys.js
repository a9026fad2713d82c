// Passkeys (WebAuthn) for forms marked data-passkey="create" (add a passkey) or "request" (sign in with one).
// The server makes the options (Identity), the browser's authenticator answers, and the form posts the answer as
// CredentialJson; the server verifies it. The antiforgery token of the form goes along with the options request.
(function () {
    'use strict';

    const supported = typeof window.PublicKeyCredential !== 'undefined' &&
        typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function' &&
        typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';

    async function fetchOptions(form) {
        const token = form.querySelector('input[name="__RequestVerificationToken"]');
        const response = await fetch(form.dataset.optionsUrl, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'RequestVerificationToken': token ? token.value : '' },
        });
        if (!response.ok) {
            throw new Error('options ' + response.status);
        }
        return response.json();
    }

    async function obtainCredential(form) {
        const options = await fetchOptions(form);
        if (form.dataset.passkey === 'create') {
            return navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) });
        }
        return navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
    }

    function wire(form) {
        if (form.dataset.passkeyWired) {
            return;
        }
        form.dataset.passkeyWired = 'true';
        const error = form.querySelector('[data-passkey-error]');
        form.addEventListener('submit', async function (event) {
            event.preventDefault();
            error.textContent = '';
            if (!supported) {
                error.textContent = form.dataset.errorUnsupported;
                return;
            }
            const buttons = form.querySelectorAll('button');
            buttons.forEach(b => { b.disabled = true; });
            try {
                const credential = await obtainCredential(form);
                form.querySelector('input[name="CredentialJson"]').value = JSON.stringify(credential);
                form.submit();
            } catch (e) {
                console.warn('passkey', e);
                error.textContent = form.dataset.errorFailed;
                buttons.forEach(b => { b.disabled = false; });
            }
        });
    }

    function wireAll() {
        document.querySelectorAll('form[data-passkey]').forEach(wire);
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', wireAll);
    } else {
        wireAll();
    }
})();
