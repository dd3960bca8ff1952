/** Every unknown URL: a real 404 rendered by the root error boundary. */
export async function loader() {
  throw new Response("Not Found", { status: 404 });
}

export async function action() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}
