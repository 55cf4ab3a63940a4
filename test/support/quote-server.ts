import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';

/** A local quote feed speaking the QUOTE_FEED_URL contract: one JSON quote per message. */
export interface QuoteServer {
  url: string;
  clients(): number;
  send(quote: { symbol: string; bid?: string | number; ask?: string | number; last?: string | number; ts?: string }): void;
  sendRaw(text: string): void;
  /** Drop every client connection abruptly (the bot should reconnect). */
  dropAll(): void;
  waitForClient(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startQuoteServer(): Promise<QuoteServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const sockets = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
  });
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    clients: () => sockets.size,
    send(quote) {
      const body = JSON.stringify({ ts: new Date().toISOString(), ...quote });
      for (const ws of sockets) ws.send(body);
    },
    sendRaw(text) {
      for (const ws of sockets) ws.send(text);
    },
    dropAll() {
      for (const ws of sockets) ws.terminate();
    },
    async waitForClient(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (sockets.size === 0) {
        if (Date.now() > deadline) throw new Error('no quote-feed client connected');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
