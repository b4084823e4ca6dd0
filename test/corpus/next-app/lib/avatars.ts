const CDN = "https://cdn.example.com";

export async function fetchAvatar(url: string): Promise<Buffer> {
  const r = await fetch(url);
  return Buffer.from(await r.arrayBuffer());
}

export async function fetchAvatarFromCdn(user: string): Promise<Buffer> {
  const r = await fetch(`${CDN}/avatars/${encodeURIComponent(user)}.png`);
  return Buffer.from(await r.arrayBuffer());
}
