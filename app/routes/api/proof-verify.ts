// Placeholder: being built (issue 4).
export async function loader() {
  throw new Response("Not Found", { status: 404 });
}
