import type { Page } from "playwright-core";

/** What Chromium's accessibility tree says of the focused element: its id, name, description and invalid state. */
export async function focusedField(page: Page): Promise<{ id: string; name: string; description: string; invalid: boolean }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { result } = (await cdp.send("Runtime.evaluate", { expression: "document.activeElement" })) as {
      result: { objectId?: string };
    };
    const id = await page.evaluate("document.activeElement ? document.activeElement.id : ''");
    const { nodes } = (await cdp.send("Accessibility.getPartialAXTree", { objectId: result.objectId, fetchRelatives: false })) as {
      nodes: {
        name?: { value?: string };
        description?: { value?: string };
        properties?: { name: string; value: { value?: unknown } }[];
      }[];
    };
    const node = nodes[0];
    const invalid = node?.properties?.find((p) => p.name === "invalid")?.value.value;
    return {
      id: String(id),
      name: node?.name?.value ?? "",
      description: node?.description?.value ?? "",
      invalid: invalid !== undefined && invalid !== "false",
    };
  } finally {
    await cdp.detach();
  }
}
