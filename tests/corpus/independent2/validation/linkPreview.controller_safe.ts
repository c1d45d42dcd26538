// Link unfurling for chat messages (NestJS).
import { Body, Controller, HttpException, HttpStatus, Post, UseGuards } from "@nestjs/common";
import { HttpService } from "@nestjs/axios";
import { IsString, IsUrl } from "class-validator";
import { lookup } from "dns/promises";
import * as ipaddr from "ipaddr.js";
import { firstValueFrom } from "rxjs";
import { JwtAuthGuard } from "../auth/jwt-auth.guard";
import { extractOpenGraph, OpenGraphPreview } from "./open-graph";

class PreviewRequestDto {
  @IsString()
  @IsUrl({ require_protocol: true, protocols: ["http", "https"] })
  url!: string;
}

async function assertPublicHost(rawUrl: string): Promise<void> {
  const { protocol, hostname } = new URL(rawUrl);
  if (protocol !== "https:" && protocol !== "http:") {
    throw new HttpException("Unsupported URL scheme", HttpStatus.BAD_REQUEST);
  }
  const addresses = await lookup(hostname, { all: true });
  for (const { address } of addresses) {
    if (ipaddr.process(address).range() !== "unicast") {
      throw new HttpException("URL points to a private address", HttpStatus.BAD_REQUEST);
    }
  }
}

@Controller("link-previews")
@UseGuards(JwtAuthGuard)
export class LinkPreviewController {
  constructor(private readonly http: HttpService) {}

  @Post()
  async preview(@Body() dto: PreviewRequestDto): Promise<OpenGraphPreview> {
    await assertPublicHost(dto.url);
    try {
      const response = await firstValueFrom(
        this.http.get<string>(dto.url, {
          timeout: 4000,
          maxContentLength: 1_000_000,
          maxRedirects: 0,
          responseType: "text",
          headers: { "User-Agent": "ChatLinkPreview/1.0" },
        })
      );
      return extractOpenGraph(dto.url, response.data);
    } catch {
      throw new HttpException("Could not load preview", HttpStatus.BAD_GATEWAY);
    }
  }
}
