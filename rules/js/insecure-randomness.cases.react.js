import React, { useState } from "react";

export function Sparkles({ count }) {
  return (
    <div>
      {Array.from({ length: count }, (_, i) => (
        // ok: js/insecure-randomness
        <span key={i} style={{ left: `${Math.random() * 100}%`, opacity: Math.random() }} />
      ))}
    </div>
  );
}

export function useInviteToken() {
  // ruleid: js/insecure-randomness
  const [inviteToken] = useState(() => Math.random().toString(36).slice(2, 10));
  return inviteToken;
}

export function OAuthButton({ authorizeUrl }) {
  const start = () => {
    // ruleid: js/insecure-randomness
    const state = { nonce: Math.random().toString(36) };
    sessionStorage.setItem("oauth", JSON.stringify(state));
    window.location.assign(`${authorizeUrl}&nonce=${state.nonce}`);
  };
  // ok: js/insecure-randomness
  const tilt = Math.random() > 0.5 ? 1 : -1;
  return <button onClick={start} style={{ transform: `rotate(${tilt}deg)` }}>Sign in</button>;
}

export function createApiKey() {
  const bytes = new Uint8Array(24);
  // ok: js/insecure-randomness
  crypto.getRandomValues(bytes);
  // ruleid: js/insecure-randomness
  return Array.from(bytes, (b) => (b ^ Math.floor(Math.random() * 256)).toString(16)).join("");
}
