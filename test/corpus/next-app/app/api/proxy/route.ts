import { NextRequest, NextResponse } from "next/server";

const ALLOWED = new Set(["api.github.com", "api.example.com"]);

export async function GET(request: NextRequest) {
  const target = request.nextUrl.searchParams.get("url") ?? "";
  // ruleid: js/ssrf
  const upstream = await fetch(target);
  return new NextResponse(upstream.body, { status: upstream.status });
}

export async function POST(request: NextRequest) {
  const { url } = await request.json();
  const parsed = new URL(url);
  if (!ALLOWED.has(parsed.hostname)) {
    return NextResponse.json({ error: "host not allowed" }, { status: 400 });
  }
  // ok: js/ssrf
  const upstream = await fetch(parsed.toString());
  return new NextResponse(upstream.body, { status: upstream.status });
}

export async function PUT(request: NextRequest) {
  const body = await request.json();
  // ruleid: js/code-injection-taint
  const transform = new Function("data", body.transform);
  return NextResponse.json(transform(body.data));
}

export async function DELETE(request: NextRequest) {
  const name = request.nextUrl.searchParams.get("name");
  // ok: js/code-injection-taint
  const greet = new Function("name", "return 'Hello ' + name");
  return NextResponse.json({ text: greet(name) });
}
